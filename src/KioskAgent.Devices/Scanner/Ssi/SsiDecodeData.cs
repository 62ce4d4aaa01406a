namespace KioskAgent.Devices.Scanner.Ssi;

/// <summary>
/// DECODE_DATA (<c>F3</c>) content: <c>CODE_TYPE DATA...</c>. In a multi-packet message every packet carries
/// the code-type byte (decision, see README: the guide draws DECODE_DATA with it and draws no other layout
/// for continued packets), so joining strips it from each part.
/// </summary>
public static class SsiDecodeData
{
    /// <summary>Code types from the guide's code-type table, the ones a kiosk meets.</summary>
    public static string Symbology(byte codeType) => codeType switch
    {
        0x01 => "code39",
        0x03 => "code128",
        0x06 => "interleaved_2of5",
        0x08 => "upc_a",
        0x0B => "ean8",
        0x0C => "ean13",
        0x11 => "pdf417",
        0x1B => "data_matrix",
        0x1C => "qr_code",
        0x24 => "aztec",
        0xA0 => "ocr_b",
        _ => $"type_0x{codeType:X2}",
    };

    public const byte Code128 = 0x03;

    /// <summary>OCR-B text (the MRZ of passports and ID cards). The value is unverified: configurable in the emulator.</summary>
    public const byte OcrB = 0xA0;

    /// <summary>The decoder's side: one message as packets of at most <paramref name="maxDataPerPacket"/> data bytes.</summary>
    public static IReadOnlyList<SsiPacket> Split(byte codeType, ReadOnlySpan<byte> data, int maxDataPerPacket = SsiPacket.MaxDataLength)
    {
        if (maxDataPerPacket is < 2 or > SsiPacket.MaxDataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDataPerPacket), maxDataPerPacket, $"2..{SsiPacket.MaxDataLength}");
        }

        var chunk = maxDataPerPacket - 1;
        var packets = new List<SsiPacket>();
        var offset = 0;
        do
        {
            var take = Math.Min(chunk, data.Length - offset);
            var last = offset + take >= data.Length;
            packets.Add(new SsiPacket(
                SsiOpcode.DecodeData, SsiSource.Decoder, last ? SsiStatus.None : SsiStatus.Continuation,
                [codeType, .. data.Slice(offset, take)]));
            offset += take;
        }
        while (offset < data.Length);

        return packets;
    }

    /// <summary>The host's side: the code from an assembled DECODE_DATA message.</summary>
    public static ScannedCode Join(IReadOnlyList<SsiPacket> parts)
    {
        if (parts.Count == 0 || parts.Any(p => p.Opcode != SsiOpcode.DecodeData || p.Data.Length == 0))
        {
            throw new InvalidDataException("A DECODE_DATA message needs at least a code-type byte in every packet.");
        }

        return new ScannedCode(Symbology(parts[0].Data[0]), parts.SelectMany(p => p.Data.Skip(1)).ToArray());
    }
}
