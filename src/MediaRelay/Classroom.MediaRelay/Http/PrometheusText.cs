using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Classroom.MediaRelay.Http;

/// <summary>
/// Renders the relay's meter (<see cref="MediaRelayMetrics"/>, the one source of the relay's
/// numbers) in the Prometheus text exposition format 0.0.4 at <c>GET /metrics</c>: instrument
/// <c>relay.room.rtp.packets</c> becomes <c>classroom_relay_room_rtp_packets_total</c>, tags
/// become labels. Observable instruments are read once per scrape; nothing runs between scrapes.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(Meter meter)
    {
        var series = new Dictionary<Instrument, List<(double Value, KeyValuePair<string, object?>[] Tags)>>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter)) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(series, i, v, tags));
            listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(series, i, v, tags));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(series, i, v, tags));
            listener.Start();
            listener.RecordObservableInstruments();
        }

        var text = new StringBuilder();
        foreach (var (instrument, points) in series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
        {
            var counter = instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);
            var name = "classroom_" + instrument.Name.Replace('.', '_') + (instrument.Unit == "s" ? "_seconds" : "") + (counter ? "_total" : "");
            text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
            text.Append("# TYPE ").Append(name).Append(counter ? " counter\n" : " gauge\n");
            foreach (var (value, tags) in points)
            {
                text.Append(name);
                if (tags.Length > 0)
                {
                    text.Append('{');
                    for (var t = 0; t < tags.Length; t++)
                    {
                        if (t > 0) text.Append(',');
                        text.Append(tags[t].Key).Append("=\"").Append(Escape(Convert.ToString(tags[t].Value, CultureInfo.InvariantCulture))).Append('"');
                    }

                    text.Append('}');
                }

                text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void Add(Dictionary<Instrument, List<(double, KeyValuePair<string, object?>[])>> series, Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!series.TryGetValue(instrument, out var points)) series[instrument] = points = [];
        points.Add((value, tags.ToArray()));
    }

    /// <summary>Label value escaping of the text format: backslash, double quote, line feed.</summary>
    private static string Escape(string? value) =>
        (value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
