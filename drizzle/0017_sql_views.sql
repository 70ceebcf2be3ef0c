-- Read-only views over the mirror for BI tools (Grafana, Metabase…), documented in docs/sql-views.md.
-- Their names and columns are part of the contract. They live in their own schema so that a reader
-- role can be granted this schema alone, never the tables holding tokens, sessions and payloads.
-- Every view leaves out tombstoned rows, rows of tombstoned repositories and commits no longer on
-- the default branch — the rows `ghsync stats` counts. A later migration that changes a view drops
-- and re-creates it (or uses `create or replace view` when it only appends columns).
create schema if not exists ghsync_reporting;
--> statement-breakpoint
drop view if exists ghsync_reporting.daily_activity, ghsync_reporting.repositories,
  ghsync_reporting.commits, ghsync_reporting.pull_requests, ghsync_reporting.reviews,
  ghsync_reporting.issues, ghsync_reporting.comments, ghsync_reporting.review_comments,
  ghsync_reporting.contributors, ghsync_reporting.workflow_runs, ghsync_reporting.check_runs,
  ghsync_reporting.deployments, ghsync_reporting.releases cascade;
--> statement-breakpoint
create view ghsync_reporting.repositories as
select r.id, r.owner, r.name, r.full_name, r.description, r.private, r.fork, r.archived,
  r.default_branch, r.language, r.topics, r.stars, r.forks, r.tracked, r.sync_depth,
  r.created_at, r.pushed_at, r.last_synced_at, r.current_at, r.last_verified_at
from public.repositories r
where r.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.commits as
select c.repository_id, r.full_name as repository, c.sha, split_part(c.message, E'\n', 1) as headline,
  c.author_id, a.login as author_login, c.author_name, c.author_email,
  c.committer_name, c.authored_at, c.committed_at, c.additions, c.deletions
from public.commits c
join public.repositories r on r.id = c.repository_id and r.deleted_at is null
left join public.accounts a on a.id = c.author_id
where c.on_default_branch;
--> statement-breakpoint
-- The first review by someone else (not the author, not a bot account), and the timings of
-- docs/goals-and-metrics.md in hours (src/metrics/pull-timings.ts is the same rule in TypeScript;
-- logins listed only in GHSYNC_BOT_LOGINS are not known here).
create view ghsync_reporting.pull_requests as
select p.id, p.repository_id, r.full_name as repository, p.number, p.title, p.author_id, p.author_login,
  p.state, p.draft, p.merged, p.base_ref, p.head_ref, p.additions, p.deletions, p.changed_files,
  p.additions + p.deletions as size,
  p.created_at, p.first_commit_at, p.ready_for_review_at, t.ready_at, t.first_review_at,
  p.merged_at, p.closed_at, p.updated_at,
  case when p.merged_at is not null then
    extract(epoch from p.merged_at - least(p.first_commit_at, p.created_at)) / 3600 end::double precision
    as cycle_time_hours,
  case when t.ready_at is not null and t.first_review_at is not null
      and (p.closed_at is null or t.first_review_at <= p.closed_at) then
    greatest(0, extract(epoch from t.first_review_at - t.ready_at) / 3600) end::double precision
    as pickup_time_hours,
  case when p.merged_at is not null and t.first_review_at <= p.merged_at then
    extract(epoch from p.merged_at - t.first_review_at) / 3600 end::double precision
    as review_time_hours
from public.pull_requests p
join public.repositories r on r.id = p.repository_id and r.deleted_at is null
cross join lateral (
  select coalesce(p.ready_for_review_at, case when not p.draft then p.created_at end) as ready_at,
    (select min(rv.submitted_at) from public.pull_request_reviews rv
      left join public.accounts ra on ra.id = rv.author_id
      where rv.pull_request_id = p.id and rv.deleted_at is null and rv.submitted_at is not null
        and (rv.author_id is null or p.author_id is null or rv.author_id <> p.author_id)
        and not coalesce(ra.type = 'Bot' or lower(ra.login) like '%[bot]', false)) as first_review_at
) t
where p.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.reviews as
select rv.id, rv.pull_request_id, rv.repository_id, r.full_name as repository,
  p.number as pull_request_number, rv.author_id, rv.author_login, rv.state, rv.submitted_at,
  coalesce(a.type = 'Bot' or lower(a.login) like '%[bot]', false) as by_bot
from public.pull_request_reviews rv
join public.repositories r on r.id = rv.repository_id and r.deleted_at is null
left join public.pull_requests p on p.id = rv.pull_request_id
left join public.accounts a on a.id = rv.author_id
where rv.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.issues as
select i.id, i.repository_id, r.full_name as repository, i.number, i.title, i.author_id, i.author_login,
  i.state, i.state_reason, i.labels, i.assignees, i.comments_count, i.created_at, i.updated_at,
  i.closed_at,
  (extract(epoch from i.closed_at - i.created_at) / 3600)::double precision as time_to_close_hours
from public.issues i
join public.repositories r on r.id = i.repository_id and r.deleted_at is null
where i.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.comments as
select c.id, c.repository_id, r.full_name as repository, c.issue_number, c.author_id, c.author_login,
  c.created_at, c.updated_at
from public.issue_comments c
join public.repositories r on r.id = c.repository_id and r.deleted_at is null
where c.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.review_comments as
select c.id, c.repository_id, r.full_name as repository, c.pull_request_number, c.review_id,
  c.in_reply_to_id, c.author_id, c.author_login, c.path, c.line, c.created_at, c.updated_at
from public.review_comments c
join public.repositories r on r.id = c.repository_id and r.deleted_at is null
where c.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.contributors as
select c.repository_id, r.full_name as repository, c.account_id, c.login, c.contributions
from public.contributors c
join public.repositories r on r.id = c.repository_id and r.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.workflow_runs as
select w.id, w.repository_id, r.full_name as repository, w.workflow_id, w.workflow_name, w.workflow_path,
  w.run_number, w.run_attempt, w.event, w.head_branch, w.head_sha, w.status, w.conclusion,
  w.actor_login, w.pull_numbers, w.created_at, w.run_started_at, w.updated_at,
  case when w.status = 'completed' then
    extract(epoch from w.updated_at - coalesce(w.run_started_at, w.created_at)) end::double precision
    as duration_seconds
from public.workflow_runs w
join public.repositories r on r.id = w.repository_id and r.deleted_at is null
where w.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.check_runs as
select c.id, c.repository_id, r.full_name as repository, c.check_suite_id, c.head_sha, c.name, c.app_slug,
  c.status, c.conclusion, c.started_at, c.completed_at,
  extract(epoch from c.completed_at - c.started_at)::double precision as duration_seconds
from public.check_runs c
join public.repositories r on r.id = c.repository_id and r.deleted_at is null
where c.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.deployments as
select d.id, d.repository_id, r.full_name as repository, d.environment, d.sha, d.ref, d.task,
  d.creator_login, d.latest_state, d.created_at, d.finished_at, d.updated_at,
  extract(epoch from d.finished_at - d.created_at)::double precision as duration_seconds
from public.deployments d
join public.repositories r on r.id = d.repository_id and r.deleted_at is null
where d.deleted_at is null;
--> statement-breakpoint
create view ghsync_reporting.releases as
select rl.id, rl.repository_id, r.full_name as repository, rl.tag_name, rl.name, rl.target_commitish,
  rl.tag_sha, rl.draft, rl.prerelease, rl.author_login, rl.created_at, rl.published_at
from public.releases rl
join public.repositories r on r.id = rl.repository_id and r.deleted_at is null
where rl.deleted_at is null;
--> statement-breakpoint
-- One row per repository and UTC day with any activity, built from the views above (so it
-- excludes what they exclude).
create view ghsync_reporting.daily_activity as
select (e.at at time zone 'UTC')::date as day, e.repository_id, e.repository,
  count(*) filter (where e.kind = 'commit') as commits,
  count(*) filter (where e.kind = 'pull_opened') as pull_requests_opened,
  count(*) filter (where e.kind = 'pull_merged') as pull_requests_merged,
  count(*) filter (where e.kind = 'review') as reviews,
  count(*) filter (where e.kind = 'issue_opened') as issues_opened,
  count(*) filter (where e.kind = 'issue_closed') as issues_closed,
  count(*) filter (where e.kind = 'comment') as comments,
  count(*) filter (where e.kind = 'deployment') as deployments,
  count(*) filter (where e.kind = 'release') as releases
from (
  select repository_id, repository, 'commit' as kind, committed_at as at from ghsync_reporting.commits
  union all select repository_id, repository, 'pull_opened', created_at from ghsync_reporting.pull_requests
  union all select repository_id, repository, 'pull_merged', merged_at from ghsync_reporting.pull_requests
  union all select repository_id, repository, 'review', submitted_at from ghsync_reporting.reviews
  union all select repository_id, repository, 'issue_opened', created_at from ghsync_reporting.issues
  union all select repository_id, repository, 'issue_closed', closed_at from ghsync_reporting.issues
  union all select repository_id, repository, 'comment', created_at from ghsync_reporting.comments
  union all select repository_id, repository, 'deployment', created_at from ghsync_reporting.deployments
  union all select repository_id, repository, 'release', published_at from ghsync_reporting.releases
) e
where e.at is not null
group by 1, 2, 3;
