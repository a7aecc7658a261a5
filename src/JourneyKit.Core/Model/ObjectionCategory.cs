namespace JourneyKit.Model;

/// <summary>What an objection is about, so that sales can prepare the right answer.</summary>
public enum ObjectionCategory
{
    /// <summary>Cost, budget or pricing model.</summary>
    Price,

    /// <summary>Not now; wrong moment; other priorities.</summary>
    Timing,

    /// <summary>The person cannot decide alone.</summary>
    Authority,

    /// <summary>No perceived need or fit.</summary>
    Need,

    /// <summary>Doubts about the vendor, references or proof.</summary>
    Trust,

    /// <summary>A competing product or incumbent is preferred.</summary>
    Competitor,

    /// <summary>Too hard to adopt, learn or run.</summary>
    Complexity,

    /// <summary>Security, privacy or regulatory concerns.</summary>
    SecurityCompliance,

    /// <summary>Does not fit the existing tools or data.</summary>
    Integration,

    /// <summary>Anything that fits no other category.</summary>
    Other,
}
