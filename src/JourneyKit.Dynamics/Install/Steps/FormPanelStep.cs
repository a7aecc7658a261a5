using JourneyKit.Connectors.Dataverse;
using JourneyKit.Connectors.Dataverse.Models;

namespace JourneyKit.Dynamics.Install.Steps;

/// <summary>
/// The panel on the default main Contact and Opportunity forms, and the forms in the solution so that an export carries
/// the edit. Uninstall takes the panel off every main form and publishes them before the web resource goes (forms depend on it).
/// </summary>
internal sealed class FormPanelStep : InstallStepBase
{
    protected override async Task InstallAsync(InstallContext c, CancellationToken ct)
    {
        foreach (var entity in JourneyKitSchema.FormEntities)
        {
            var forms = await c.Metadata.GetMainFormsAsync(entity, ct).ConfigureAwait(false);
            var form = forms.FirstOrDefault(f => f.IsDefault) ?? forms.OrderBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault();
            if (form is null)
            {
                c.Record("form", $"{entity} main form", InstallAction.Unchanged, "no main form found: add the panel by hand");
                continue;
            }
            var label = $"{entity} form '{form.Name}'";
            var formXml = form.FormXml ?? "<form />";
            bool has;
            try { has = FormXmlPanel.Contains(formXml, JourneyKitSchema.WebResourceName, label); }
            catch (FormatException ex) { throw new DataverseException(ex.Message + $" (systemform {form.Id:D})", ex) { Request = "GET systemforms" }; }
            string? panelData = c.Options.PanelLanguage is { } language ? "lang=" + language : null;
            string? edited = null;
            if (has && (panelData is null || FormXmlPanel.Data(formXml, JourneyKitSchema.WebResourceName) == panelData))
            {
                c.Record("form", label, InstallAction.Unchanged);
            }
            else if (has)
            {
                c.Record("form", label, InstallAction.Update, $"set the panel's language ({panelData})");
                edited = FormXmlPanel.SetData(formXml, JourneyKitSchema.WebResourceName, panelData!);
            }
            else
            {
                c.Record("form", label, InstallAction.Update, "add the tab 'Persona & objections' with the panel" + (panelData is null ? "" : $" ({panelData})"));
                edited = FormXmlPanel.Add(formXml, JourneyKitSchema.WebResourceName, c.WebResourceId, c.Options.LanguageCode, label, panelData);
            }
            if (c.Apply && edited is not null)
                await c.Metadata.SetFormXmlAsync(form.Id, edited, ct).ConfigureAwait(false);
            await c.InSolutionAsync(label, form.Id, created: false, DataverseComponentType.SystemForm, ct).ConfigureAwait(false);
        }
    }

    protected override async Task UninstallAsync(InstallContext c, CancellationToken ct)
    {
        bool formsChanged = false;
        foreach (var entity in JourneyKitSchema.FormEntities)
        {
            foreach (var form in await c.Metadata.GetMainFormsAsync(entity, ct).ConfigureAwait(false))
            {
                var label = $"{entity} form '{form.Name}'";
                var formXml = form.FormXml ?? "<form />";
                bool has;
                try { has = FormXmlPanel.Contains(formXml, JourneyKitSchema.WebResourceName, label); }
                catch (FormatException) { continue; }
                if (!has) continue;
                formsChanged = true;
                c.Record("form", label, InstallAction.Update, "remove the panel");
                if (c.Apply) await c.Metadata.SetFormXmlAsync(form.Id, FormXmlPanel.Remove(formXml, JourneyKitSchema.WebResourceName, label), ct).ConfigureAwait(false);
            }
        }
        if (!formsChanged)
        {
            c.Record("form", "contact and opportunity main forms", InstallAction.Unchanged, "no panel");
            return;
        }
        c.Record("publish", string.Join(", ", JourneyKitSchema.FormEntities), InstallAction.Update, "PublishXml");
        if (c.Apply) await c.Metadata.PublishXmlAsync(JourneyKitSchema.FormEntities, cancellationToken: ct).ConfigureAwait(false);
    }
}
