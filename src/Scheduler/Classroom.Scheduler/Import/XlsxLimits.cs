namespace Classroom.Scheduler.Import;

/// <summary>
/// Bounds of the .xlsx reader (docs/security.md "Spreadsheet imports"). An upload is at most
/// SchedulerOptions.MaxImportBytes compressed, but zip parts inflate by a factor of a thousand and
/// one cell reference ("XFD1048576", or "AAAAAA1") could name a column millions of cells wide:
/// every size the reader keeps is bounded, and checked before the memory is spent.
/// </summary>
public static class XlsxLimits
{
    /// <summary>Columns A..BL. School sheets have a dozen; a cell further right refuses the file.</summary>
    public const int MaxColumns = 64;

    /// <summary>Non-empty rows of the sheet, header included.</summary>
    public const int MaxRows = 20_000;

    /// <summary>Entries of the shared-string table.</summary>
    public const int MaxSharedStrings = 200_000;

    /// <summary>Characters of all shared strings together.</summary>
    public const long MaxSharedStringChars = 16 * 1024 * 1024;

    /// <summary>Characters of one cell (Excel's own limit).</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Uncompressed size of one part of the package, checked from the zip directory before it is inflated.</summary>
    public const long MaxPartBytes = 64L * 1024 * 1024;

    /// <summary>Entries of the zip package (a workbook of one sheet has about ten).</summary>
    public const int MaxEntries = 1_000;

    /// <summary>Column index (zero-based) of MaxColumns - 1 as Excel names it.</summary>
    public const string LastColumnName = "BL";
}

/// <summary>A workbook refused by a bound of <see cref="XlsxLimits"/>; the message names the bound and where it was hit.</summary>
public sealed class XlsxRefusedException(ImportMessage problem) : Exception(problem.En)
{
    public ImportMessage Problem { get; } = problem;
}
