namespace KioskAgent.Simulator.Scanner;

/// <summary>
/// The specimen passport of ICAO Doc 9303 Part 4 (TD3, two lines of 44 OCR-B characters): a document that
/// exists only in the standard, so tests and demos never carry a real guest's data.
/// </summary>
public static class MrzSpecimen
{
    public const string Line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";

    public const string Line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    /// <summary>As the emulated reader sends it: each line ended by CR (the separator is configurable).</summary>
    public static string Text(string separator = "\r") => Line1 + separator + Line2 + separator;

    /// <summary>ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A..Z as 10..35, '&lt;' as 0.</summary>
    public static int CheckDigit(ReadOnlySpan<char> field)
    {
        ReadOnlySpan<int> weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                '<' => 0,
                _ => throw new ArgumentException($"'{c}' is not an MRZ character.", nameof(field)),
            };
            sum += value * weights[i % 3];
        }

        return sum % 10;
    }
}
