/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// The coordinator admits the demo candidate from its partner form: ticks the
// last unmet join condition of the checklist and clicks Admit. Steps select
// by stable attributes (names), not by text, so the tour runs in any language.
import tour from "web_tour.tour";

const checklist = 'div[name="komunigi_check_ids"]';

tour.register("komunigi_membership_admission", {test: true}, [
  {
    content: "open the komunigi tab",
    trigger: '.o_notebook a.nav-link[name="komunigi"]',
  },
  {
    content: "the lines of the checklist have no delete button",
    trigger: `${checklist} .o_list_renderer:not(:has(.o_list_record_remove))`,
    run: () => null,
  },
  {
    content: "tick the unmet join condition",
    trigger: `${checklist} .o_field_boolean_toggle input:not(:checked)`,
    run: "click",
  },
  {
    content: "every condition is met",
    trigger: `${checklist}:not(:has(.o_field_boolean_toggle input:not(:checked)))`,
    run: () => null,
  },
  {
    content: "admit the candidate",
    trigger: 'button[name="action_komunigi_admit"]',
  },
  {
    content: "the organisation is a member: it can be withdrawn",
    trigger: 'button[name="action_komunigi_open_withdraw_wizard"]',
    extra_trigger: '.o_form_view:not(:has(button[name="action_komunigi_admit"]))',
    run: () => null,
  },
]);
