/**
 * What the workflows tell people, as meanings: an applicant's notices, a member's notices, a role
 * request's messages. The Slack adapter words them (slack/messages) in the reader's language;
 * nothing below it holds text.
 */
import type { Locale } from './registration-inputs';
import type { RequestDetails } from './role-requests';
import type { Role } from './roles';

export interface ReminderNotice {
  kind: 'reminder';
  step: string;
  reminderNumber: number;
  /** ISO time at which the registration expires if still idle. */
  deadline: string;
}

export interface ExpiredNotice {
  kind: 'expired';
  step: string;
}

/** The registration is complete: the applicant gets their URN (and, as an owner, their business). */
export interface CompletedNotice {
  kind: 'completed';
  step: 'completed';
  urn: string;
  /** Absent when the applicant joins an existing business instead of registering one. */
  businessAccountId?: string;
  /** Set when a registered person registered a business account later (a business-account run). */
  purpose?: 'businessAccount';
}

export type ApplicantNotice = ReminderNotice | ExpiredNotice | CompletedNotice;

/** What an owner is shown about their business account: identifiers and role, no contact details. */
export interface BusinessAccountSummary {
  businessNumber: string;
  ownerPositionTitle: string;
  status: 'active' | 'deleted';
  createdAt: string;
}

export const MemberNotice = {
  Added: 'added',
  RoleChanged: 'role_changed',
  Removed: 'removed',
  BusinessDeleted: 'business_deleted',
  /** To owners and proxies: the actor left; `role` is the one they had. */
  MemberLeft: 'member_left',
} as const;
export type MemberNotice = (typeof MemberNotice)[keyof typeof MemberNotice];

export interface MemberNoticeDetails {
  /** Who made the change, as their name. */
  actorName: string;
  businessNumber: string;
  /** The member's new role (added, role changed). */
  role?: Role;
}

/** A direct message to a member, by what it says. */
export type MemberMessage =
  | { kind: 'role_request'; locale: Locale; request: RequestDetails; reminder?: { number: number; deadline: string } }
  /** An approver's earlier request message, replaced when a reminder is posted below it. */
  | { kind: 'role_request_superseded'; locale: Locale; request: RequestDetails }
  /** An approver's request message, replaced by the decision. */
  | { kind: 'role_request_outcome'; locale: Locale; request: RequestDetails }
  /** The requester (or the proposed owner) told how their request ended. */
  | { kind: 'role_request_outcome_for_requester'; locale: Locale; request: RequestDetails }
  | { kind: 'member_notice'; locale: Locale; notice: MemberNotice; details: MemberNoticeDetails };
