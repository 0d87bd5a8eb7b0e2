import Mustache
import SamizdatReports

/// The `<option>`s of a document `<select>`, written out here and placed whole by the template
/// (`{{{documents}}}`): a template section per option cost a Mustache lookup per attribute, a
/// large part of an analysis page's time with 500 documents.
struct DocumentOptions: Sendable, MustacheCustomRenderable {
    var choices: [Choice]
    let renderText: String

    init(_ choices: [Choice]) {
        self.choices = choices
        var html = ""
        html.reserveCapacity(choices.count * 80)
        for choice in choices {
            html += "<option value=\"\(HTMLPage.escape(choice.value))\"\(choice.isSelected ? " selected" : "")>"
            html += HTMLPage.escape(choice.label) + "</option>"
        }
        renderText = html
    }

    var isNull: Bool { false }
}
