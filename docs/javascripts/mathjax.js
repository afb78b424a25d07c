// MathJax settings for pymdownx.arithmatex (generic mode): \( ... \) and \[ ... \].
// The script itself is the copy in vendor/mathjax/ (see its README), so formulas
// render without a network connection. SVG output needs no web fonts; the context
// menu is off because its speech option would fetch its rules from a CDN.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  svg: {
    fontCache: "global",
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
    enableMenu: false,
  },
};

document$.subscribe(() => {
  MathJax.startup.output.clearCache();
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
