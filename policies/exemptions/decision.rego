# METADATA
# title: Exemption decision
# description: >-
#   The one decision entrypoint for a request against the CALNET MSA or CGEN. Input:
#   {request, context: {evaluation_date}}. The decision is total: any input, however malformed, gets
#   exactly one decision.
package exemptions

import data.exemptions.advice
import data.exemptions.applicability
import data.exemptions.catalog
import data.exemptions.grounds
import data.exemptions.precedence
import data.exemptions.request
import data.exemptions.term

# METADATA
# title: Decision for one request
# description: >-
#   Outcome, reasons, grounds, deficiencies, notes, approver, the earliest purchase date an ATO allows,
#   the term the exemption would cover, and the citations of all of them, in a stable order
#   (deficiencies by path, then code; notes by code).
# entrypoint: true
decision := {
	"outcome": precedence.outcome,
	"program": request.program,
	"reasons": reasons,
	"grounds": shown_grounds,
	"deficiencies": deficiencies,
	"notes": cited_notes,
	"approver": precedence.approver,
	"available_from": available_from,
	"term": shown_term,
	"citations": citations,
}

default reasons := []

reasons := sort(applicability.reasons) if precedence.outcome == precedence.not_required

default shown_grounds := []

shown_grounds := sort(grounds.shown) if precedence.outcome == precedence.ready_for_decision

default shown_term := null

shown_term := term.covered if precedence.outcome == precedence.ready_for_decision

default available_from := null

available_from := applicability.available_from if precedence.outcome == precedence.ato_bound

# METADATA
# title: The deficiencies the outcome reports
# description: >-
#   What is missing when incomplete; why no ground is shown when ground-not-met; what binds the agency
#   when ato-bound; else none.
# scope: document
default deficiencies := []

deficiencies := _ordered_with_citations(precedence.deficiencies) if precedence.outcome == precedence.incomplete

deficiencies := _ordered_with_citations(grounds.findings) if precedence.outcome == precedence.ground_not_met

deficiencies := _ordered_with_citations(applicability.binding) if precedence.outcome == precedence.ato_bound

_ordered_with_citations(issues) := [cited |
	some [_, _, issue] in sort({[issue.path, issue.code, issue] | some issue in issues})
	cited := object.union(issue, {"citation": catalog.citation("deficiency", issue.code, request.program)})
]

cited_notes := [object.union(note, {"citation": catalog.citation("note", note.code, request.program)}) |
	some [_, note] in sort({[note.code, note] | some note in advice.notes})
]

# METADATA
# title: Citations of the outcome, reasons, grounds, deficiencies, notes and approver
# description: One per subject, sorted by subject.
citations := [{"subject": subject, "citation": text} | some [subject, text] in sort(_cited)]

_cited contains ["outcome", catalog.citation("outcome", precedence.outcome, request.program)]

_cited contains [concat(":", ["reason", code]), catalog.citation("reason", code, request.program)] if {
	some code in reasons
}

_cited contains [concat(":", ["ground", code]), catalog.citation("ground", code, request.program)] if {
	some code in shown_grounds
}

_cited contains [concat(":", ["deficiency", issue.code]), issue.citation] if some issue in deficiencies

_cited contains [concat(":", ["note", note.code]), note.citation] if some note in cited_notes

_cited contains ["approver", catalog.citation("approver", request.program, request.program)] if {
	precedence.approver != null
}
