using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Classroom.Server.Tests.Pages;

/// <summary>axe-core (web/node_modules, installed by build-web.sh) in a page: no serious or critical WCAG 2.1 A/AA violation.</summary>
internal static class AxeCheck
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page, ITestOutputHelper? output = null)
    {
        var axe = Path.Combine(PageBrowser.RepoRoot, "web", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), "axe-core is installed by scripts/build-web.sh (npm ci)");
        // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
              .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        var violations = found.EnumerateArray().Select(v => v.GetString()!).ToList();
        output?.WriteLine($"axe-core: {violations.Count} serious/critical violations");
        Assert.True(violations.Count == 0, "axe-core found: " + string.Join("\n", violations));
    }
}
