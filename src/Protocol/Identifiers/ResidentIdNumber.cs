using System.Globalization;

namespace ExchangeNode.Protocol.Identifiers;

/// <summary>The 18-character resident identity number of GB 11643 and its ISO 7064 MOD 11-2 check.</summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character for the first 17 digits.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("A resident ID number has 17 digits before its check character.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = first17[i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException("The first 17 characters of a resident ID number are digits.", nameof(first17));
            }

            sum += digit * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Checks a number; returns null when valid, else the reason in plain words.</summary>
    public static string? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "居民身份证号码为空 (resident ID number is empty)";
        }

        if (value.Length != 18)
        {
            return $"居民身份证号码应为18位，实为{value.Length}位 (must have 18 characters)";
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return $"居民身份证号码第{i + 1}位不是数字 (character {i + 1} must be a digit)";
            }
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return $"居民身份证号码中的出生日期 {value.Substring(6, 8)} 无效 (birth date is not a real date)";
        }

        var expected = ComputeCheckCharacter(value.AsSpan(0, 17));
        var actual = char.ToUpperInvariant(value[17]);
        return actual == expected
            ? null
            : $"居民身份证号码校验位错误：应为 {expected}，实为 {value[17]} (GB 11643 check digit fails)";
    }

    /// <summary>True when the number is well formed and its check character is right.</summary>
    public static bool IsValid(string? value) => Check(value) is null;
}
