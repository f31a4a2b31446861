/* The browser form's own parts (Decap CMS), loaded after decap-cms.js:
 * - "carryover-sections": a page's text as plain Markdown, started from its kind's
 *   headings in the language being written (the field's `templates`, one per language);
 * - the preview pane: the page rendered by `carryover edit` with the site's renderer,
 *   stylesheet and checks, in the language shown in the left pane.
 * No request leaves this computer. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var settings = window.CARRYOVER_EDITOR || {};

  var Sections = createClass({
    componentDidMount: function () {
      if (this.props.value) return;
      var templates = this.props.field.get("templates");
      var start = templates && templates.get(this.props.locale || "");
      if (start) this.props.onChange(start);
    },
    render: function () {
      var props = this.props;
      return h("textarea", {
        id: props.forID,
        className: props.classNameWrapper,
        value: props.value || "",
        rows: 28,
        spellCheck: true,
        lang: props.locale || undefined,
        style: { fontFamily: "ui-monospace, monospace", fontSize: "15px", lineHeight: "1.5", minHeight: "28em", resize: "vertical" },
        onChange: function (event) { props.onChange(event.target.value); },
        onFocus: props.setActiveStyle,
        onBlur: props.setInactiveStyle
      });
    }
  });
  CMS.registerWidget("carryover-sections", Sections);

  // What the form holds for each page in each language: a translation's preview needs the
  // original's shared fields (ages, category...), which Decap gives only to the original's.
  var drafts = {};

  // A line of the form's own words in the preview pane, as text (never as HTML).
  function note(text) {
    var p = document.createElement("p");
    p.className = "co-preview-note";
    p.textContent = text || "";
    return p.outerHTML;
  }

  var Preview = createClass({
    getInitialState: function () { return { html: "" }; },
    componentDidMount: function () { this.request(); },
    componentDidUpdate: function (previous) {
      if (previous.entry !== this.props.entry || previous.locale !== this.props.locale) {
        clearTimeout(this.timer);
        this.timer = setTimeout(this.request, 350);
      }
    },
    componentWillUnmount: function () { clearTimeout(this.timer); this.gone = true; },
    request: function () {
      var self = this;
      var props = this.props;
      if (!settings.preview) {
        self.setState({ html: note(settings.notes && settings.notes.published) });
        return;
      }
      var collection = props.collection.get("name");
      var entry = props.entry;
      var data = entry.get("data") ? entry.get("data").toJS() : {};
      var key = collection + "/" + (entry.get("path") || "new");
      var locale = props.locale || "en";
      var mine = drafts[key] = drafts[key] || {};
      mine[locale] = data;
      var others = entry.get("i18n");
      if (others && others.forEach) {
        others.forEach(function (value, lang) {
          if (lang !== locale && value && value.get && value.get("data")) mine[lang] = value.get("data").toJS();
        });
      }
      var id = data.id || entry.get("slug") || "";
      fetch("preview", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ collection: collection, id: id, locale: locale, drafts: mine })
      }).then(function (response) { return response.json(); }).then(function (answer) {
        if (!self.gone) self.setState({ html: answer.html || "" });
      }).catch(function () {
        if (!self.gone) self.setState({ html: note(settings.notes && settings.notes.offline) });
      });
    },
    render: function () {
      return h("div", { className: "co-preview-root", dangerouslySetInnerHTML: { __html: this.state.html } });
    }
  });

  CMS.registerPreviewStyle("preview.css");
  ["strategies", "routines", "signs", "guides"].forEach(function (name) {
    CMS.registerPreviewTemplate(name, Preview);
  });
})();
