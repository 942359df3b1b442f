namespace ExchangeNode.Protocol.Identifiers;

/// <summary>The 18-character unified social credit code (统一社会信用代码) of GB 32100.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The check character for the first 17 characters.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("A credit code has 17 characters before its check character.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(first17[i]));
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a credit code character.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>
    /// Checks the form (length, alphabet): returns null when well formed, else the reason.
    /// </summary>
    public static string? CheckForm(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "统一社会信用代码为空 (credit code is empty)";
        }

        if (value.Length != 18)
        {
            return $"统一社会信用代码应为18位，实为{value.Length}位 (must have 18 characters)";
        }

        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(char.ToUpperInvariant(value[i])) < 0)
            {
                return $"统一社会信用代码第{i + 1}位 '{value[i]}' 不是允许的字符 (not in the GB 32100 alphabet)";
            }
        }

        return null;
    }

    /// <summary>
    /// Checks the check character of a well-formed code: null when right, else the reason.
    /// </summary>
    /// <remarks>A few codes in use fail it, so callers keep this as a warning, not a rejection.</remarks>
    public static string? CheckDigit(string value)
    {
        var expected = ComputeCheckCharacter(value.AsSpan(0, 17));
        return char.ToUpperInvariant(value[17]) == expected
            ? null
            : $"统一社会信用代码校验位错误：应为 {expected}，实为 {value[17]} (GB 32100 check character fails)";
    }
}
