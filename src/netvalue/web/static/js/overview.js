// The overview's Vega-Lite chart: active ties per month, from the JSON the page embeds.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("trend-data").textContent);
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: "container",
    height: 220,
    data: { values: data },
    mark: { type: "area", line: true, point: false, opacity: 0.35 },
    encoding: {
      x: { field: "month", type: "temporal", timeUnit: "yearmonth", title: null },
      y: { field: "active", type: "quantitative", title: "active ties" },
      tooltip: [
        { field: "month", type: "temporal", timeUnit: "yearmonth", title: "month" },
        { field: "active", type: "quantitative", title: "active ties" },
      ],
    },
  };
  vegaEmbed("#trend-chart", spec, { actions: false, renderer: "svg" })
    .then(function () { document.getElementById("trend-chart").dataset.rendered = "yes"; })
    .catch(function (err) { document.getElementById("trend-chart").textContent = "Chart failed: " + err; });
})();
