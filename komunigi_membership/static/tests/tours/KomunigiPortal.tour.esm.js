/** @odoo-module **/
// Copyright 2026 Coop IT Easy SC
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

// A member of the core team reads the assemblies and the welcome booklet on
// the portal. Steps select by stable classes and addresses, not by text.
import tour from "web_tour.tour";

tour.register(
  "komunigi_membership_portal",
  {test: true, url: "/my/komunigi/assemblies"},
  [
    {
      content: "the list of the assemblies",
      trigger: ".o_komunigi_assemblies .o_komunigi_assembly_when",
      run: () => null,
    },
    {
      content: "open the next assembly",
      trigger: '.o_komunigi_assemblies a[href^="/my/komunigi/assemblies/"]',
    },
    {
      content: "its agenda and the proposals made ready, not the drafts",
      trigger:
        '.o_komunigi_assembly:has(.o_komunigi_proposal[data-state="ready"]):not(:has(.o_komunigi_proposal[data-state="draft"]))',
      extra_trigger: ".o_komunigi_assembly .o_komunigi_assembly_when",
      run: () => null,
    },
    {
      content: "back to the portal home",
      trigger: '.o_portal_submenu a[href="/my/home"]',
    },
    {
      content: "open the membership page",
      trigger: '.o_portal_docs a[href="/my/komunigi"]',
    },
    {
      content: "open the welcome booklet",
      trigger: 'a[href="/my/komunigi/booklet"]',
    },
    {
      content: "the booklet and its PDF",
      trigger: ".o_komunigi_booklet .komunigi_booklet_section",
      extra_trigger: ".o_komunigi_booklet a.o_komunigi_booklet_pdf",
      run: () => null,
    },
  ]
);
