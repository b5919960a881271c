/* actorgraph page: building the document from data, as text only.
 *
 * el() turns every string child into a text node; safeUrl() lets only http,
 * https and mailto URLs through; the icons are SVG built element by element.
 * Nothing here parses markup.
 */
const actorgraphDom = (function () {
  "use strict";

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "className") node.className = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child == null || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function safeUrl(text) {
    if (typeof text !== "string") return null;
    let url;
    try { url = new URL(text.trim()); } catch (e) { return null; }
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : null;
  }

  function link(text, url) {
    const href = safeUrl(url);
    if (!href) return el("span", { className: "url" }, text);
    return el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, text);
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svg(width, height, children) {
    const root = document.createElementNS(SVG, "svg");
    root.setAttribute("width", width); root.setAttribute("height", height);
    root.setAttribute("viewBox", "0 0 " + width + " " + height);
    root.setAttribute("aria-hidden", "true");
    for (const [tag, attrs] of children) {
      const child = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) child.setAttribute(k, v);
      root.append(child);
    }
    return root;
  }

  function shapeIcon(shape, color) {
    const c = { fill: color, stroke: darker(color), "stroke-width": 1 };
    const poly = (pts) => ["polygon", Object.assign({ points: pts }, c)];
    const forms = {
      dot: ["circle", Object.assign({ cx: 8, cy: 8, r: 6 }, c)],
      square: ["rect", Object.assign({ x: 2.5, y: 2.5, width: 11, height: 11 }, c)],
      triangle: poly("8,1.5 14.5,13.5 1.5,13.5"),
      triangleDown: poly("1.5,2.5 14.5,2.5 8,14.5"),
      diamond: poly("8,1 15,8 8,15 1,8"),
      hexagon: poly("4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8"),
      star: poly("8,1 9.8,6 15,6 10.8,9.3 12.4,14.5 8,11.4 3.6,14.5 5.2,9.3 1,6 6.2,6"),
    };
    return svg(16, 16, [forms[shape] || forms.dot]);
  }

  function lineIcon(color, width, dashes, arrow, length) {
    const w = length || 30;
    const parts = [["line", {
      x1: 1, y1: 8, x2: arrow ? w - 8 : w - 1, y2: 8, stroke: color, "stroke-width": width,
      "stroke-dasharray": dashes ? dashes.join(" ") : "none",
    }]];
    if (arrow) parts.push(["polygon", { points: (w - 9) + ",3.5 " + w + ",8 " + (w - 9) + ",12.5", fill: color }]);
    return svg(w, 16, parts);
  }

  function darker(hex) {
    const n = parseInt(hex.slice(1), 16);
    const f = (v) => Math.round(v * 0.7).toString(16).padStart(2, "0");
    return "#" + f(n >> 16) + f((n >> 8) & 255) + f(n & 255);
  }

  return { el, safeUrl, link, svg, shapeIcon, lineIcon, darker };
})();
