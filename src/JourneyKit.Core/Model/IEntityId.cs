namespace JourneyKit.Model;

/// <summary>A strongly typed id: a string wrapped so that a persona id cannot be passed where a stage id is expected.</summary>
/// <typeparam name="TSelf">The id type itself.</typeparam>
public interface IEntityId<TSelf> where TSelf : struct, IEntityId<TSelf>
{
    /// <summary>The id's text.</summary>
    string Value { get; }

    /// <summary>Creates an id from its text.</summary>
    /// <param name="value">The id's text.</param>
    static abstract TSelf Create(string value);
}
