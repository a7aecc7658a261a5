namespace JourneyKit.Model;

/// <summary>What happened to an element between two versions of a map.</summary>
public enum ChangeKind
{
    /// <summary>The element exists only in the newer version.</summary>
    Added,

    /// <summary>The element exists only in the older version.</summary>
    Removed,

    /// <summary>The element exists in both versions with different values.</summary>
    Changed,
}
