using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using JourneyKit.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace JourneyKit.Serialization;

/// <summary>
/// camelCase names; C# <c>required</c> members (and the non-nullable text of positional records) are required
/// in JSON; computed properties are not written; empty collections and empty distributions are left out
/// (they read back as their empty defaults, so nothing is lost), except the map's own top-level lists,
/// which are always written so that a new map shows its shape; <c>schemaVersion</c> comes first.
/// </summary>
internal sealed class JourneyMapContractResolver : DefaultContractResolver
{
    public static JourneyMapContractResolver Instance { get; } = new();

    private JourneyMapContractResolver()
    {
        NamingStrategy = new CamelCaseNamingStrategy();
    }

    protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
    {
        var properties = base.CreateProperties(type, memberSerialization);
        if (type != typeof(JourneyMap)) return properties;
        return [.. properties.OrderBy(p => p.PropertyName == "schemaVersion" ? 0 : 1)];
    }

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (member is not PropertyInfo info) return property;

        if (info.SetMethod is null)
        {
            // Computed (e.g. Distribution.Total): derived on read, so writing it would only invite disagreement.
            property.Ignored = true;
            return property;
        }

        if (info.IsDefined(typeof(RequiredMemberAttribute), inherit: false) || IsNonNullablePositionalText(info))
            property.Required = Required.Always;

        var type = info.PropertyType;
        if (type == typeof(Distribution))
        {
            property.ShouldSerialize = o => property.ValueProvider!.GetValue(o) is not Distribution { Buckets.Count: 0 };
        }
        else if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && info.DeclaringType != typeof(JourneyMap))
        {
            property.ShouldSerialize = o => property.ValueProvider!.GetValue(o) is not ICollection { Count: 0 };
        }
        return property;
    }

    private static bool IsNonNullablePositionalText(PropertyInfo info)
    {
        // Positional records (Evidence, PainPoint, SegmentBinding, ...) have no parameterless constructor.
        if (info.PropertyType != typeof(string) || info.DeclaringType?.GetConstructor(Type.EmptyTypes) is not null) return false;
        return new NullabilityInfoContext().Create(info).WriteState == NullabilityState.NotNull;
    }
}
