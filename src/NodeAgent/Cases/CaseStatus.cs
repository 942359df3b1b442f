namespace ExchangeNode.NodeAgent.Cases;

/// <summary>Where a case stands, derived from its events.</summary>
internal enum CaseStatus
{
    /// <summary>受理: accepted and being handled.</summary>
    Open,

    /// <summary>补正中: waiting for the counterpart's corrections.</summary>
    AwaitingCorrection,

    /// <summary>暂停: suspended.</summary>
    Suspended,

    /// <summary>已退回: returned; handling may go on.</summary>
    Returned,

    /// <summary>已决定: decided, not yet concluded.</summary>
    Decided,

    /// <summary>已并案: merged into another case.</summary>
    Merged,

    /// <summary>办结: concluded; nothing may follow.</summary>
    Concluded,
}
