ALTER TABLE "credentials" ADD CONSTRAINT "credentials_kind_check" CHECK ("credentials"."kind" in ('token', 'app', 'installation'));--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_status_check" CHECK ("credentials"."status" in ('valid', 'invalid', 'retired'));--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_type_check" CHECK ("sync_jobs"."type" in ('backfill', 'incremental', 'reconcile', 'redelivery_sweep', 'metric_snapshots'));--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_status_check" CHECK ("sync_jobs"."status" in ('queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'));--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_status_check" CHECK ("webhook_deliveries"."status" in ('received', 'processed', 'failed', 'rejected', 'ignored'));--> statement-breakpoint
ALTER TABLE "notification_emails" ADD CONSTRAINT "notification_emails_status_check" CHECK ("notification_emails"."status" in ('sending', 'sent', 'failed'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('sync.completed', 'goal.completed', 'goal.progress', 'webhook.disabled'));--> statement-breakpoint
ALTER TABLE "outgoing_deliveries" ADD CONSTRAINT "outgoing_deliveries_status_check" CHECK ("outgoing_deliveries"."status" in ('sending', 'delivered', 'failed', 'refused'));--> statement-breakpoint
ALTER TABLE "outgoing_webhooks" ADD CONSTRAINT "outgoing_webhooks_kind_check" CHECK ("outgoing_webhooks"."kind" in ('webhook', 'slack', 'discord'));--> statement-breakpoint
ALTER TABLE "outgoing_webhooks" ADD CONSTRAINT "outgoing_webhooks_events_check" CHECK ("outgoing_webhooks"."events" <@ '["sync.completed","goal.completed","goal.progress"]'::jsonb);--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_metric_check" CHECK ("goals"."metric" in ('commits', 'pull_requests_opened', 'pull_requests_merged', 'reviews_submitted', 'issues_opened', 'issues_closed', 'manual'));--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_window_check" CHECK ("goals"."window" in ('weekly', 'monthly', 'custom'));--> statement-breakpoint
ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_subject_type_check" CHECK ("metric_snapshots"."subject_type" in ('user', 'repository'));