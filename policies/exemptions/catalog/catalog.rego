# METADATA
# title: Citations of outcomes, reasons, grounds, deficiencies, notes and approvers
# description: >-
#   The citation of every code, by kind and program. The METADATA of the rule that produces each code
#   names its clauses by id and the clause catalog (policies/reference/clauses.json) words them;
#   `npm run docs:policy` composes them into citations.json beside this file (and into
#   docs/policy-reference.md), and a test fails when either is out of date.
package exemptions.catalog

# METADATA
# title: The citation of a code for a program
# description: >-
#   A citation written per program gives the program's own; for a request whose program is unknown, both
#   are given. A code without a citation gives a marker that the tests look for, never undefined.
# scope: document
default citation(_, _, _) := "(no citation recorded)"

citation(kind, code, program) := _entry_text(data.exemptions.catalog.citations[kind][code], program)

_entry_text(entry, _) := entry if is_string(entry)

_entry_text(entry, program) := entry[program] if {
	is_object(entry)
	is_string(entry[program])
}

_entry_text(entry, program) := concat("; ", [entry[name] | some name in ["calnet", "cgen"]; entry[name]]) if {
	is_object(entry)
	not _written_for(entry, program)
}

_written_for(entry, program) if is_string(entry[program])
