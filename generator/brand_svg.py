"""SVG logos and favicons: parsed, reduced to an allowlist, and published re-serialised.

An SVG opened at its own address runs its scripts on the site's origin. A list of what is
forbidden missed XHTML elements inside an SVG (issue #23), so this keeps what is known to be
inert instead: SVG elements and attributes named below, under an ``<svg>`` root in the SVG
namespace. What drawing programs add for themselves (Inkscape's and Sodipodi's attributes,
Illustrator's ``i:``/``x:`` data and its editing-data ``<foreignObject>``, ``<metadata>`` with
RDF, Figma's and Sketch's ids) is dropped. What could act is refused, with a hint: scripts,
animation (it can set a link), XHTML or other foreign elements, event handlers, and any link
or ``url()`` that is not a ``#fragment`` (an ``<image>`` may embed a PNG, JPEG, GIF or WebP
as a ``data:`` address). The site publishes the re-serialised tree, never the original bytes,
so what the browser reads is exactly what was checked.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from generator.brand_css import StyleProblem, check_declarations, check_style_sheet

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
ADOBE_EXTENSIBILITY = "http://ns.adobe.com/Extensibility/1.0/"

MAX_DEPTH = 64
"""Deeper nesting than drawing programs write: refused rather than walked."""

_FILTER_PRIMITIVES = {
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood",
    "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge",
    "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting",
    "feSpotLight", "feTile", "feTurbulence",
}  # fmt: skip
ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "a", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image",
    "text", "tspan", "textPath", "clipPath", "mask", "pattern", "marker",
    "linearGradient", "radialGradient", "stop", "filter", *_FILTER_PRIMITIVES,
}  # fmt: skip
"""SVG elements that draw or structure a drawing: kept."""

ACTIVE_ELEMENTS = {
    "script", "foreignObject", "animate", "animateMotion", "animateTransform",
    "animateColor", "set", "discard", "handler", "listener", "iframe", "embed", "object",
}  # fmt: skip
"""SVG elements that run, load or change something: refused."""

ATTRIBUTES = {
    "id", "class", "style", "transform", "viewBox", "preserveAspectRatio", "version",
    "baseProfile", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
    "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength", "offset", "gradientUnits",
    "gradientTransform", "spreadMethod", "patternUnits", "patternContentUnits",
    "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "filterUnits",
    "primitiveUnits", "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "stroke-opacity", "opacity", "clip-path", "clip-rule", "mask", "filter", "color",
    "color-interpolation", "color-interpolation-filters", "display", "visibility",
    "overflow", "stop-color", "stop-opacity", "font-family", "font-size", "font-weight",
    "font-style", "font-variant", "font-stretch", "text-anchor", "dominant-baseline",
    "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
    "text-decoration", "writing-mode", "direction", "unicode-bidi", "lengthAdjust",
    "textLength", "dx", "dy", "rotate", "startOffset", "method", "spacing", "side",
    "paint-order", "vector-effect", "shape-rendering", "text-rendering", "image-rendering",
    "mix-blend-mode", "isolation", "flood-color", "flood-opacity", "lighting-color", "in",
    "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4", "type",
    "values", "tableValues", "slope", "intercept", "amplitude", "exponent", "scale",
    "xChannelSelector", "yChannelSelector", "edgeMode", "kernelMatrix", "order", "divisor",
    "bias", "targetX", "targetY", "preserveAlpha", "surfaceScale", "diffuseConstant",
    "specularConstant", "specularExponent", "kernelUnitLength", "azimuth", "elevation",
    "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "baseFrequency",
    "numOctaves", "seed", "stitchTiles", "radius", "href", "role", "aria-label",
    "aria-labelledby", "aria-hidden", "focusable", "lang", "systemLanguage", "media",
}  # fmt: skip
"""Attributes without a namespace that are kept: geometry, presentation, filters."""

_RASTER_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")


class SvgProblem(ValueError):
    """Active content in an SVG: the message says what, the hint how to fix it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


_REEXPORT = "export it again without scripts, animation, links or embedded HTML, or use a PNG"


def clean_svg(data: bytes) -> bytes:
    """The SVG of ``data`` reduced to its drawing, re-serialised; SvgProblem if it acts."""
    try:
        # Entities are expanded by expat (with its limits on expansion); none is fetched.
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise SvgProblem(
            f"is not a well-formed SVG ({error})", "export it again from your drawing program"
        ) from None
    if root.tag != f"{{{SVG}}}svg":
        raise SvgProblem(
            "is not an SVG: its root is not <svg> in the SVG namespace",
            'export it as SVG, or add xmlns="http://www.w3.org/2000/svg" to <svg>',
        )
    clean = _copy(root, 0)
    assert clean is not None
    clean.set("xmlns", SVG)
    text = ElementTree.tostring(clean, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def _copy(element: ElementTree.Element, depth: int) -> ElementTree.Element | None:
    """A copy of ``element`` with only what is kept, or None if it is dropped whole."""
    if depth > MAX_DEPTH:
        raise SvgProblem(f"nests elements more than {MAX_DEPTH} deep", _REEXPORT)
    namespace, name = _split(str(element.tag))
    if namespace == SVG and name == "foreignObject" and _editor_data(element):
        return None  # Illustrator's editing data, for Illustrator only
    if namespace == SVG and name in ACTIVE_ELEMENTS:
        raise SvgProblem(f"contains a <{name}> element", _REEXPORT)
    if namespace == "http://www.w3.org/1999/xhtml" or (namespace == "" and depth > 0):
        raise SvgProblem(f"contains the foreign element <{name}>", _REEXPORT)
    if namespace != SVG or name not in ELEMENTS:
        return None  # metadata, editor data (sodipodi, inkscape, i:, RDF), unknown elements
    copy = ElementTree.Element(name)
    for attribute, value in element.attrib.items():
        kept = _attribute(name, attribute, value)
        if kept is not None:
            copy.set(*kept)
    if name == "style":
        _check_css(element.text or "", check_style_sheet, "its <style> element")
    copy.text = (
        element.text if name in ("style", "title", "desc", "text", "tspan", "textPath") else None
    )
    for child in element:
        kept_child = _copy(child, depth + 1)
        if kept_child is not None:
            kept_child.tail = child.tail if name in ("text", "tspan", "textPath") else None
            copy.append(kept_child)
    return copy


def _attribute(element: str, attribute: str, value: str) -> tuple[str, str] | None:
    namespace, name = _split(attribute)
    if name.lower().startswith("on") and namespace in ("", SVG):
        raise SvgProblem(f"has an event handler ('{name}' on <{element}>)", _REEXPORT)
    if name == "href" and namespace in ("", XLINK):
        target = "".join(value.split())
        if target.startswith("#") or (
            element in ("image", "feImage") and _RASTER_DATA.match(value.strip())
        ):
            return "href", value
        raise SvgProblem(
            f"links to '{value.strip()[:60]}' from <{element}>; only #fragments are allowed",
            _REEXPORT,
        )
    if namespace == XML and name in ("space", "lang"):
        return f"{{{XML}}}{name}", value
    if namespace or name not in ATTRIBUTES:
        return None  # editor attributes (inkscape:, sodipodi:, i:, data-name), unknown ones
    if name == "style":
        _check_css(value, check_declarations, f"the style of a <{element}>")
    elif "url(" in value.lower() or "\\" in value:
        _check_css(f"{name}: {value}", check_declarations, f"'{name}' on a <{element}>")
    return name, value


def _check_css(text: str, check, where: str) -> None:
    try:
        check(text, fragments_only=True)
    except StyleProblem as problem:
        raise SvgProblem(f"{where} {problem}", _REEXPORT) from None


def _editor_data(element: ElementTree.Element) -> bool:
    """True for Illustrator's ``<foreignObject requiredExtensions="…Adobe…">`` that holds only
    elements of Adobe's own namespaces (``<i:pgfRef>``): editing data, no content."""
    if "adobe.com" not in element.get("requiredExtensions", ""):
        return False
    return all(
        "adobe.com" in _split(str(child.tag))[0] for child in element.iter() if child is not element
    )


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag
