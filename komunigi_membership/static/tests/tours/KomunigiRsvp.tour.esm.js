/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// A delegate answers the convocation of the next assembly on the portal: they
// come. Steps select by stable classes, not by text, so the tour runs in any
// language.
import tour from "web_tour.tour";

tour.register("komunigi_membership_rsvp", {test: true}, [
  {
    content: "the invitation waits for an answer",
    trigger: '.o_komunigi_rsvp[data-state="needsAction"]',
    extra_trigger: ".o_komunigi_assembly .o_komunigi_built_agenda",
    run: () => null,
  },
  {
    content: "answer: I come",
    trigger: ".o_komunigi_rsvp button.o_komunigi_rsvp_accepted",
  },
  {
    content: "the answer is recorded",
    trigger:
      '.o_komunigi_rsvp[data-state="accepted"]:has(button.o_komunigi_rsvp_accepted[disabled])',
    run: () => null,
  },
]);
