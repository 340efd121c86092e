#include "app/unit_info.h"

#include "core/unit_tree.h"

namespace danso {

namespace {
nlohmann::ordered_json link_json(const UnitTree& tree, const UnitLink& l, UnitId other) {
  const OrgUnit* u = tree.find(other);
  nlohmann::ordered_json j;
  j["code"] = u ? u->code : "";
  j["name"] = u ? u->name : "";
  j["valid_from"] = u ? u->valid_from.iso() : "";
  j["valid_to"] = (u && u->valid_to) ? nlohmann::ordered_json(u->valid_to->iso()) : nlohmann::ordered_json(nullptr);
  j["type"] = kUnitLinkTypes.code(l.type);
  j["effective"] = l.effective.iso();
  return j;
}
}  // namespace

Result<nlohmann::ordered_json> unit_info_json(Store& store, const std::string& code, Date at) {
  const UnitTree tree(store.load_units(), store.load_unit_links());
  auto id = tree.resolve_or_error(code, at, "code");
  if (!id) return id.error();
  const OrgUnit& u = *tree.find(*id);
  nlohmann::ordered_json j;
  j["code"] = u.code;
  j["name"] = u.name;
  j["kind"] = kUnitKinds.code(u.kind);
  j["level"] = tree.depth_on(u.id, at);
  if (const OrgUnit* p = tree.find(tree.parent_on(u.id, at))) {  // the parent as it is on `at` (merged, renamed)
    j["parent"] = p->code;
    j["parent_name"] = p->name;
  } else {
    j["parent"] = nullptr;
    j["parent_name"] = nullptr;
  }
  j["valid_from"] = u.valid_from.iso();
  j["valid_to"] = u.valid_to ? nlohmann::ordered_json(u.valid_to->iso()) : nlohmann::ordered_json(nullptr);
  j["attributes"] = {{"urban", u.attributes.urban},       {"mountainous", u.attributes.mountainous},
                     {"coastal", u.attributes.coastal},   {"difficult", u.attributes.difficult},
                     {"border", u.attributes.border}};
  j["children"] = tree.children_on(u.id, at).size();
  nlohmann::ordered_json pred = nlohmann::ordered_json::array(), succ = nlohmann::ordered_json::array();
  for (const UnitLink* l : tree.predecessors(u.id)) pred.push_back(link_json(tree, *l, l->from));
  for (const UnitLink* l : tree.successors(u.id)) succ.push_back(link_json(tree, *l, l->to));
  j["predecessors"] = pred;
  j["successors"] = succ;
  return j;
}

}  // namespace danso
