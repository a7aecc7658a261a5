namespace JourneyKit.Connectors.Dataverse.Models;

/// <summary>A metadata label in one language (Dataverse <c>Label</c> with one <c>LocalizedLabel</c>).</summary>
/// <param name="Text">The text.</param>
/// <param name="LanguageCode">The language (LCID), e.g. 1033 for English.</param>
public sealed record DataverseLabel(string Text, int LanguageCode = 1033);
