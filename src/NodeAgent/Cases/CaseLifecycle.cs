using ExchangeNode.Protocol.V1;

namespace ExchangeNode.NodeAgent.Cases;

/// <summary>
/// The legal order of case events (Art. 30, 32(1): the platform checks the legality of the
/// flow): which event may follow which, and where the case stands after it.
/// </summary>
internal static class CaseLifecycle
{
    /// <summary>Null when <paramref name="kind"/> may follow; else why not, in plain words.</summary>
    public static string? CheckNext(CaseStatus status, CaseEventKind kind)
    {
        if (kind == CaseEventKind.Accepted)
        {
            return "办件已受理，不能再次受理 (the case was already accepted)";
        }

        return status switch
        {
            CaseStatus.Concluded => "办件已办结，之后不能再有任何事件 (nothing may follow Concluded)",
            CaseStatus.Merged when kind != CaseEventKind.Concluded =>
                "办件已并案，只能办结 (a merged case may only be concluded)",
            CaseStatus.Suspended when kind is not (CaseEventKind.Resumed or CaseEventKind.Concluded) =>
                "办件暂停中，须先恢复 (a suspended case must be resumed first)",
            _ when kind == CaseEventKind.Resumed && status != CaseStatus.Suspended =>
                "办件未暂停，不能恢复 (Resumed only after Suspended)",
            _ when kind == CaseEventKind.CorrectionReceived && status != CaseStatus.AwaitingCorrection =>
                "未要求补正，不能接收补正材料 (CorrectionReceived only after CorrectionRequested)",
            _ => null,
        };
    }

    /// <summary>The status after an event that <see cref="CheckNext"/> allowed.</summary>
    public static CaseStatus After(CaseStatus status, CaseEventKind kind) => kind switch
    {
        CaseEventKind.Accepted => CaseStatus.Open,
        CaseEventKind.CorrectionRequested => CaseStatus.AwaitingCorrection,
        CaseEventKind.CorrectionReceived => CaseStatus.Open,
        CaseEventKind.Suspended => CaseStatus.Suspended,
        CaseEventKind.Resumed => CaseStatus.Open,
        CaseEventKind.Returned => CaseStatus.Returned,
        CaseEventKind.Decision => CaseStatus.Decided,
        CaseEventKind.Merged => CaseStatus.Merged,
        CaseEventKind.Concluded => CaseStatus.Concluded,
        _ => status == CaseStatus.Returned ? CaseStatus.Open : status,
    };
}
