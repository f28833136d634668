/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// A delegate stands for an open core team seat from the membership page of
// the portal. Steps select by stable classes and names, not by text.
import tour from "web_tour.tour";

tour.register("komunigi_membership_candidature", {test: true}, [
  {
    content: "an open seat",
    trigger: ".o_komunigi_open_seat .o_komunigi_candidature_form",
    run: () => null,
  },
  {
    content: "say why",
    trigger: '.o_komunigi_open_seat textarea[name="motivation"]',
    run: "text La caisse de BEES a besoin d'une voix au noyau.",
  },
  {
    content: "stand for the seat",
    trigger: '.o_komunigi_open_seat button[type="submit"]',
  },
  {
    content: "the candidature is recorded",
    trigger: ".o_komunigi_candidature_sent",
    extra_trigger: ".o_komunigi_my_candidatures li",
    run: () => null,
  },
]);
