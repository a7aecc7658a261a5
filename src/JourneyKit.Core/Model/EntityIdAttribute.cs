namespace JourneyKit.Model;

/// <summary>
/// Marks a <c>readonly partial record struct</c> as a strongly typed id: JourneyKit.Generators writes its
/// <c>Value</c>, <c>Create</c>, <c>ToString</c>, the conversion from a string and its JSON converter.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
internal sealed class EntityIdAttribute : Attribute;
