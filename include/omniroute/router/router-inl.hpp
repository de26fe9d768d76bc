// Copyright 2026 The omniroute authors. SPDX-License-Identifier: Apache-2.0
#ifndef OMNIROUTE_ROUTER_ROUTER_INL_HPP
#define OMNIROUTE_ROUTER_ROUTER_INL_HPP

#ifndef OMNIROUTE_HEADER_ONLY
#include <omniroute/router/router.hpp>
#endif

#include <omniroute/router/detail/router_impl.hpp>
#include <omniroute/router/detail/router_state.hpp>

OMNIROUTE_BEGIN_NAMESPACE

OMNIROUTE_INLINE router::router(router_options options)
    : impl_(std::make_unique<detail::router_impl>(options)) {}
OMNIROUTE_INLINE router::router(router&&) noexcept = default;
OMNIROUTE_INLINE router& router::operator=(router&&) noexcept = default;
OMNIROUTE_INLINE router::~router() = default;

OMNIROUTE_INLINE void router::set_observer(event_observer* observer) noexcept {
  impl_->set_observer(observer);
}
OMNIROUTE_INLINE status router::set_transport(channel_id channel, offer_transport* transport) noexcept {
  return impl_->set_transport(channel, transport);
}
OMNIROUTE_INLINE void router::set_error_handler(host_error_handler handler) {
  impl_->set_error_handler(std::move(handler));
}
OMNIROUTE_INLINE void router::set_explanations(bool on) noexcept { impl_->set_explanations(on); }

OMNIROUTE_INLINE result<channel_id> router::register_channel(std::string_view name, channel_kind kind,
                                                              std::uint16_t default_cost,
                                                              channel_set default_blocks) {
  return impl_->register_channel(name, kind, default_cost, default_blocks);
}
OMNIROUTE_INLINE const channel_registry& router::channels() const noexcept { return impl_->channels(); }

OMNIROUTE_INLINE result<skill_id> router::add_skill(std::string_view name) { return impl_->add_skill(name); }
OMNIROUTE_INLINE result<attribute_id> router::add_attribute(std::string_view name, attribute_kind kind) {
  return impl_->add_attribute(name, kind);
}
OMNIROUTE_INLINE const skill_registry& router::skills() const noexcept { return impl_->skills(); }
OMNIROUTE_INLINE result<requirement_id> router::add_requirement(const requirement& r) {
  return impl_->add_requirement(r);
}
OMNIROUTE_INLINE result<requirement_id> router::add_requirement(std::string_view text,
                                                                parse_diagnostic* diagnostic) {
  return impl_->add_requirement(text, diagnostic);
}
OMNIROUTE_INLINE const requirement* router::find_requirement(requirement_id id) const noexcept {
  return impl_->find_requirement(id);
}
OMNIROUTE_INLINE result<plan_id> router::add_escalation_plan(const escalation_plan& plan) {
  return impl_->add_escalation_plan(plan);
}
OMNIROUTE_INLINE status router::accept_callback(time_point now, contact_id contact) {
  return impl_->run(now, [&] { return impl_->accept_callback(contact); });
}

OMNIROUTE_INLINE result<agent_id> router::add_agent(time_point now, const agent_config& config) {
  return impl_->run(now, [&] { return impl_->add_agent(config); });
}
OMNIROUTE_INLINE status router::update_agent(time_point now, agent_id agent, const agent_config& config) {
  return impl_->run(now, [&] { return impl_->update_agent(agent, config); });
}
OMNIROUTE_INLINE status router::remove_agent(time_point now, agent_id agent) {
  return impl_->run(now, [&] { return impl_->remove_agent(agent); });
}
OMNIROUTE_INLINE status router::login(time_point now, agent_id agent, bool ready, reason_code reason) {
  return impl_->run(now, [&] { return impl_->login(agent, ready, reason); });
}
OMNIROUTE_INLINE status router::logout(time_point now, agent_id agent) {
  return impl_->run(now, [&] { return impl_->logout(agent); });
}
OMNIROUTE_INLINE status router::ready(time_point now, agent_id agent) {
  return impl_->run(now, [&] { return impl_->ready(agent); });
}
OMNIROUTE_INLINE status router::not_ready(time_point now, agent_id agent, reason_code reason) {
  return impl_->run(now, [&] { return impl_->not_ready(agent, reason); });
}

OMNIROUTE_INLINE result<queue_id> router::add_queue(time_point now, const queue_config& config) {
  return impl_->run(now, [&] { return impl_->add_queue(config); });
}
OMNIROUTE_INLINE status router::update_queue(time_point now, queue_id queue, const queue_config& config) {
  return impl_->run(now, [&] { return impl_->update_queue(queue, config); });
}
OMNIROUTE_INLINE status router::remove_queue(time_point now, queue_id queue, queue_id move_to) {
  return impl_->run(now, [&] { return impl_->remove_queue(queue, move_to); });
}
OMNIROUTE_INLINE status router::add_member(time_point now, queue_id queue, agent_id agent,
                                           member_options options) {
  return impl_->run(now, [&] { return impl_->add_member(queue, agent, options); });
}
OMNIROUTE_INLINE status router::update_member(time_point now, queue_id queue, agent_id agent,
                                              member_options options) {
  return impl_->run(now, [&] { return impl_->update_member(queue, agent, options); });
}
OMNIROUTE_INLINE status router::remove_member(time_point now, queue_id queue, agent_id agent) {
  return impl_->run(now, [&] { return impl_->remove_member(queue, agent); });
}

OMNIROUTE_INLINE result<contact_id> router::arrive(time_point now, const contact_spec& spec) {
  return impl_->run(now, [&] { return impl_->arrive(spec); });
}
OMNIROUTE_INLINE status router::abandon(time_point now, contact_id contact) {
  return impl_->run(now, [&] { return impl_->abandon(contact); });
}
OMNIROUTE_INLINE status router::transfer(time_point now, contact_id contact, queue_id to,
                                         transfer_options options) {
  return impl_->run(now, [&] { return impl_->transfer(contact, to, options); });
}
OMNIROUTE_INLINE status router::route_out(time_point now, contact_id contact) {
  return impl_->run(now, [&] { return impl_->route_out(contact); });
}
OMNIROUTE_INLINE status router::accept(time_point now, offer_id offer) {
  return impl_->run(now, [&] { return impl_->accept(offer); });
}
OMNIROUTE_INLINE status router::reject(time_point now, offer_id offer, failure_kind kind) {
  return impl_->run(now, [&] { return impl_->reject(offer, kind); });
}
OMNIROUTE_INLINE status router::complete(time_point now, contact_id contact) {
  return impl_->run(now, [&] { return impl_->complete(contact); });
}
OMNIROUTE_INLINE status router::end_wrap_up(time_point now, offer_id offer) {
  return impl_->run(now, [&] { return impl_->end_wrap_up(offer); });
}

OMNIROUTE_INLINE time_point router::next_deadline() const noexcept { return impl_->next_deadline(); }
OMNIROUTE_INLINE status router::advance(time_point now) { return impl_->advance(now); }
OMNIROUTE_INLINE time_point router::now() const noexcept { return impl_->now(); }

OMNIROUTE_INLINE result<agent_info> router::agent(agent_id id) const { return impl_->agent_query(id); }
OMNIROUTE_INLINE result<queue_info> router::queue(queue_id id) const { return impl_->queue_query(id); }
OMNIROUTE_INLINE result<contact_info> router::contact(contact_id id) const {
  return impl_->contact_query(id);
}
OMNIROUTE_INLINE result<offer_info> router::offer(offer_id id) const { return impl_->offer_query(id); }
OMNIROUTE_INLINE result<agent_id> router::find_agent(std::string_view name) const {
  return impl_->find_agent(name);
}
OMNIROUTE_INLINE result<queue_id> router::find_queue(std::string_view name) const {
  return impl_->find_queue(name);
}
OMNIROUTE_INLINE result<std::uint32_t> router::position(contact_id id) const {
  return impl_->position(id);
}
OMNIROUTE_INLINE std::vector<contact_id> router::waiting_contacts(queue_id id) const {
  return impl_->waiting_contacts(id);
}
OMNIROUTE_INLINE std::vector<offer_id> router::agent_work(agent_id id) const {
  return impl_->agent_work(id);
}
OMNIROUTE_INLINE std::vector<agent_id> router::agents() const { return impl_->agent_ids(); }
OMNIROUTE_INLINE std::vector<queue_id> router::queues() const { return impl_->queue_ids(); }
OMNIROUTE_INLINE std::vector<std::pair<agent_id, member_options>> router::members(queue_id id) const {
  return impl_->members(id);
}
OMNIROUTE_INLINE std::size_t router::agent_count() const noexcept { return impl_->agent_count(); }
OMNIROUTE_INLINE std::size_t router::queue_count() const noexcept { return impl_->queue_count(); }
OMNIROUTE_INLINE std::size_t router::live_contact_count() const noexcept {
  return impl_->live_contacts();
}
OMNIROUTE_INLINE std::uint64_t router::state_hash() const {
  return detail::router_state::hash(*impl_);
}

OMNIROUTE_END_NAMESPACE

#endif  // OMNIROUTE_ROUTER_ROUTER_INL_HPP
