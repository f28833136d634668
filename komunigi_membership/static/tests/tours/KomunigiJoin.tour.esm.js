/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// A visitor sends the candidacy of their organisation from the public join
// page. Steps select by stable classes and names, not by text.
import tour from "web_tour.tour";

function fill(name, value) {
  return {
    content: `fill ${name}`,
    trigger: `.o_komunigi_join_form [name="${name}"]`,
    run: `text ${value}`,
  };
}

tour.register("komunigi_membership_join", {test: true}, [
  {
    content: "the welcome booklet",
    trigger: ".o_komunigi_booklet .komunigi_booklet_section",
    run: () => null,
  },
  fill("organisation", "Épicerie La Tomate"),
  fill("city", "Namur"),
  fill("contact_name", "Élise Martin"),
  fill("email", "elise@latomate.example.org"),
  fill("phone", "+32 81 12 34 56"),
  fill("lang", "fr_BE"),
  fill("message", "Nous aimerions rejoindre komunigi."),
  {
    content: "send the candidacy",
    trigger: ".o_komunigi_join_form .o_komunigi_join_submit",
  },
  {
    content: "thank you: an email was sent",
    trigger: ".o_komunigi_join_thanks",
    run: () => null,
  },
]);
