/**
 * Golden tests: each fixture holds errors of one kind, and the exact lines `exemptions validate` prints
 * for it are pinned here, so a change in where an error points or in its words shows up in review.
 */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validationLines } from '../../scripts/cli/validate.ts';
import { repoRoot } from '../../scripts/core/paths.ts';
import { checkRequestFile } from '../../scripts/request/validate.ts';
import { AJV_WORDING, fixtures } from '../support/requests.ts';

const golden: { kind: string; fixture: string; lines: string[] }[] = [
  {
    kind: 'format 1: an old request is told what format 2 needs, at the key it renamed',
    fixture: 'format-1',
    lines: [
      'test/support/fixtures/requests/calnet/format-1.yaml:7:3 the field name "on" is read as the boolean true by YAML 1.1 readers such as PyYAML and conftest; the submission date is submitted.date in format 2 (a format 1 request also needs format: 2 and contract.purchase_date)',
    ],
  },
  {
    kind: 'required: a missing field is reported at the mapping that should hold it',
    fixture: 'missing-fields',
    lines: [
      'test/support/fixtures/requests/calnet/missing-fields.yaml:3:1 "need" is missing. Why the services are needed, with pertinent and specific information (CALNET MSA policy, Exemption Requests, requirements, second item; CGEN policy, State Entity responsibilities, second item; CGEN Exemption Procedures, opening).',
      'test/support/fixtures/requests/calnet/missing-fields.yaml:29:3 "remedies" is missing under contract › sla. When service level agreements are available, give their rights and remedies (CALNET MSA policy, Procedures, sixth item; CGEN policy, CGEN Exemption Procedures, sixth item).',
    ],
  },
  {
    kind: 'unknown property: reported at its own key, with a suggestion for a near miss',
    fixture: 'unknown-fields',
    lines: [
      'test/support/fixtures/requests/calnet/unknown-fields.yaml:6:1 "priority" is not a field of the request format at the top level. The fields here are: format, id, program, renews, agency, submitted, approvals, project, services, need, ramifications, program_shortfall, reason, grounds, contract, cost, attachments, ato_notice.',
      'test/support/fixtures/requests/calnet/unknown-fields.yaml:12:1 "projet" is not a field of the request format at the top level; did you mean "project"? The fields here are: format, id, program, renews, agency, submitted, approvals, project, services, need, ramifications, program_shortfall, reason, grounds, contract, cost, attachments, ato_notice.',
      'test/support/fixtures/requests/calnet/unknown-fields.yaml:17:80 "county" is not a field of the request format under services › item 1 › location. The fields here are: site, street, city, zip.',
    ],
  },
  {
    kind: 'type: text for a number, a number for text, text for true/false, a fraction, an empty value',
    fixture: 'wrong-types',
    lines: [
      'test/support/fixtures/requests/calnet/wrong-types.yaml:14:15 services › item 1 › quantity must be a whole number, not the text "two". How many of this service are needed, a whole number of at least 1 (CALNET MSA policy, Procedures, first item; CGEN policy, CGEN Exemption Procedures, first item).',
      'test/support/fixtures/requests/calnet/wrong-types.yaml:15:71 services › item 1 › location › zip must be text, not the number 95605 (put it in quotes). The ZIP code of the service location, five digits or ZIP+4, written in quotes (CALNET MSA policy, Procedures, first item; CGEN policy, CGEN Exemption Procedures, first item).',
      'test/support/fixtures/requests/calnet/wrong-types.yaml:17:15 ramifications is empty; fill in text. What happens to the agency and the public if the need is not met. Required for CALNET (CALNET MSA policy, Exemption Requests, requirements, third item).',
      'test/support/fixtures/requests/calnet/wrong-types.yaml:24:18 contract › length_months must be a whole number, not the number 36.5. The length of the contract commitment in whole months (CALNET MSA policy, Procedures, third item; CGEN policy, CGEN Exemption Procedures, third item).',
      'test/support/fixtures/requests/calnet/wrong-types.yaml:29:39 contract › renewal › renews_outside_contract must be true or false, not the text "no". Whether this renews, extends or re-bids an outside contract for services now available from CALNET: true or false (CALNET MSA policy, Non-CALNET MSA Procurements, second item).',
    ],
  },
  {
    kind: 'enum: a reason CALNET does not accept, an attachment kind not in the list',
    fixture: 'wrong-choices',
    lines: [
      'test/support/fixtures/requests/calnet/wrong-choices.yaml:19:17 reason › kind is "business"; it must be one of: technical, financial. Under CALNET the reason is technical or financial; business is a CGEN reason (CALNET MSA policy, Procedures, second item).',
      'test/support/fixtures/requests/calnet/wrong-choices.yaml:37:36 attachments › item 1 › kind is "quote"; it must be one of: vendor-documentation, ipr, fsr, sla, other. What the document is: vendor-documentation, ipr (Individual Price Reduction), fsr (Feasibility Study Report), sla (service level agreement) or other (CALNET MSA policy, Procedures, fifth item; Procedures, sixth item; Procedures, seventh item; CGEN policy, CGEN Exemption Procedures, fifth item; CGEN Exemption Procedures, sixth item).',
    ],
  },
  {
    kind: 'pattern: agency code, service id, ZIP code',
    fixture: 'wrong-forms',
    lines: [
      'test/support/fixtures/requests/calnet/wrong-forms.yaml:6:17 agency › code "dgs" is not written in the expected form (for example DGS). The agency\'s code in the agency registry: capital letters, digits and hyphens, such as DGS or SAC-COUNTY. Whether the code is known, and what status the agency has, is decided by the policy from the registry (CALNET MSA policy, Policy; CGEN policy, general policy).',
      'test/support/fixtures/requests/calnet/wrong-forms.yaml:12:14 services › item 1 › service "WAN data" is not written in the expected form (for example wan-data). The service\'s id in the service catalog, such as wan-data or voice-local. The catalog says whether it is mandatory (STMM 400.1) and in CGEN\'s scope (CALNET MSA policy, Policy, first item; CGEN policy, general policy, first item).',
      'test/support/fixtures/requests/calnet/wrong-forms.yaml:15:71 services › item 1 › location › zip "9560" is not written in the expected form (for example 95605). The ZIP code of the service location, five digits or ZIP+4, written in quotes (CALNET MSA policy, Procedures, first item; CGEN policy, CGEN Exemption Procedures, first item).',
    ],
  },
  {
    kind: 'inside sequences: the item number and the line of the item',
    fixture: 'bad-list-items',
    lines: [
      'test/support/fixtures/requests/calnet/bad-list-items.yaml:19:5 "city" is missing under services › item 2 › location. The city of the service location (CALNET MSA policy, Procedures, first item; CGEN policy, CGEN Exemption Procedures, first item).',
      'test/support/fixtures/requests/calnet/bad-list-items.yaml:30:9 grounds › functionality › lacking › item 2 is "speed"; it must be one of: features, functionality, availability. What the program\'s services lack: features, functionality, availability, or more than one (CALNET MSA policy, Exemption Requests, first ground; CGEN policy, CGEN Exemption Requests, second paragraph).',
      'test/support/fixtures/requests/calnet/bad-list-items.yaml:46:33 cost › items › item 2 › amount is -100; it must be at least 0. The cost of the item in US dollars (CALNET MSA policy, Procedures, fourth item; CGEN policy, CGEN Exemption Procedures, fourth item).',
    ],
  },
  {
    kind: 'keys containing / and ~: reported at the key, named as written',
    fixture: 'odd-keys',
    lines: [
      'test/support/fixtures/requests/calnet/odd-keys.yaml:6:1 "see/also" is not a field of the request format at the top level. The fields here are: format, id, program, renews, agency, submitted, approvals, project, services, need, ramifications, program_shortfall, reason, grounds, contract, cost, attachments, ato_notice.',
      'test/support/fixtures/requests/calnet/odd-keys.yaml:32:3 "~notes/2026" is not a field of the request format under contract. The fields here are: provider, length_months, start_date, purchase_date, terms, early_termination, optional_extensions, covered_extension_months, renewal, sla.',
    ],
  },
];

describe('errors are reported at file:line:column in plain words', () => {
  for (const { kind, fixture, lines } of golden) {
    it(`${kind} (${fixture}.yaml)`, () => {
      const path = join(fixtures, 'calnet', `${fixture}.yaml`);
      const checked = checkRequestFile(path, relative(repoRoot, path));
      expect(checked.valid).toBe(false);
      expect(validationLines(checked)).toEqual(lines);
    });
  }

  it("never shows the validator library's own wording", () => {
    for (const { lines } of golden) {
      for (const line of lines) expect(line).not.toMatch(AJV_WORDING);
    }
  });
});
