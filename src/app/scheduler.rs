//! The scheduler: runs due jobs in batches, each batch one transaction that claims its jobs and
//! writes their messages, so a job runs once even with two instances or a crash in between; a
//! batch in which any job fails is run again job by job. Time is a parameter:
//! `run_due` takes the clock's `now`, and tests move the clock instead of sleeping.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tracing::Instrument;

use crate::app::context::Ctx;
use crate::app::{jobs, schedules};
use crate::clock::{Clock, to_millis};
use crate::store::jobs::{self as store_jobs, JobRow};
use crate::store::{Store, StoreResult};

pub struct Scheduler {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub bot_username: String,
    /// Woken when messages are queued.
    pub outbox_ready: Arc<Notify>,
    /// Woken when a job is scheduled, so an earlier deadline is not slept through.
    pub jobs_changed: Arc<Notify>,
}

impl Scheduler {
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        while !*stop.borrow() {
            // A pass may run many jobs, each in its own transaction: it gets ten times the
            // usual time before it counts as stuck on a database that stopped answering.
            if let Err(e) = crate::store::within(crate::store::WORK_WITHIN * 10, self.run_due()).await {
                tracing::error!(error = %e, "scheduler pass failed");
            }
            let wait = self.until_next().await.unwrap_or(Duration::from_secs(1));
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.jobs_changed.notified() => {}
                _ = stop.changed() => {}
            }
        }
    }

    /// How long until the next job is due (at most 30 s, so a changed clock is noticed).
    async fn until_next(&self) -> StoreResult<Duration> {
        let mut conn = self.store.conn().await?;
        let cap = Duration::from_secs(30);
        Ok(match store_jobs::next_run_at(&mut conn).await? {
            Some(at) => cap.min(Duration::from_millis((at - to_millis(self.clock.now())).max(0) as u64)),
            None => cap,
        })
    }

    /// Runs every job due now, materialises the schedules' next occurrences as jobs, then runs
    /// any of those already due; returns how many ran. Jobs already due go first: in a busy
    /// minute thousands of schedules have a next occurrence to materialise, and that must not
    /// hold up the messages due now.
    pub async fn run_due(&self) -> StoreResult<usize> {
        let ran = self.run_due_jobs().await?;
        // A schedule that cannot be materialised must not hold up the jobs already due.
        if let Err(e) =
            schedules::materialise(&self.store, &self.bot_username, to_millis(self.clock.now())).await
        {
            tracing::error!(error = %e, "materialising schedules failed; will retry");
        }
        Ok(ran + self.run_due_jobs().await?)
    }

    /// Runs the jobs due now, a batch per transaction; returns how many ran.
    async fn run_due_jobs(&self) -> StoreResult<usize> {
        let mut ran = 0;
        loop {
            let now = to_millis(self.clock.now());
            let due = {
                let mut conn = self.store.conn().await?;
                store_jobs::due(&mut conn, now, 50).await?
            };
            if due.is_empty() {
                return Ok(ran);
            }
            // One transaction for the batch (one disk flush instead of one per job); if any
            // job in it cannot run, each is run on its own, as before.
            if !self.run_batch(&due, now).await? {
                let mut left_pending = false;
                for job in &due {
                    left_pending |= !self.run_one(job, now).instrument(job_span(job)).await?;
                }
                // A job that hit a store error stays due: retry it next pass, not in a tight loop.
                if left_pending {
                    return Ok(ran + due.len());
                }
            }
            ran += due.len();
        }
    }

    /// Runs every job of the batch in one transaction; false (nothing kept) when any of them
    /// fails, so the caller runs them one by one and each failure is recorded on its own job.
    async fn run_batch(&self, due: &[JobRow], now: i64) -> StoreResult<bool> {
        let mut tx = self.store.begin_write().await?;
        let mut queued = 0;
        for job in due {
            if job.stale_after.is_some_and(|stale| stale < now) {
                store_jobs::finish(&mut tx, job.id, "skipped_stale", None, now).await?;
                continue;
            }
            // Claimed by another instance meanwhile: leave the batch to the one-by-one path.
            if !store_jobs::finish(&mut tx, job.id, "done", None, now).await? {
                tx.rollback().await?;
                return Ok(false);
            }
            let mut ctx = Ctx::for_job(&mut tx, now, &self.bot_username);
            let span = job_span(job);
            let outcome = jobs::run(&mut ctx, job).instrument(span.clone()).await;
            span.in_scope(|| tracing::debug!(ok = matches!(outcome, Ok(Ok(_))), "job ran"));
            queued += ctx.queued;
            if !matches!(outcome, Ok(Ok(_))) {
                crate::store::abandon(tx).await;
                return Ok(false);
            }
        }
        tx.commit().await?;
        if queued > 0 {
            self.outbox_ready.notify_one();
        }
        Ok(true)
    }

    /// Runs one job in its own transaction; false when it stays pending (a store error).
    async fn run_one(&self, job: &JobRow, now: i64) -> StoreResult<bool> {
        let mut tx = self.store.begin_write().await?;
        if job.stale_after.is_some_and(|stale| stale < now) {
            store_jobs::finish(&mut tx, job.id, "skipped_stale", None, now).await?;
            tx.commit().await?;
            return Ok(true);
        }
        // Claim first: on PostgreSQL a second instance blocks here and then finds it taken.
        if !store_jobs::finish(&mut tx, job.id, "done", None, now).await? {
            tx.rollback().await?;
            return Ok(true);
        }
        let mut ctx = Ctx::for_job(&mut tx, now, &self.bot_username);
        match jobs::run(&mut ctx, job).await {
            Ok(Ok(_)) => {
                let queued = ctx.queued;
                tx.commit().await?;
                if queued > 0 {
                    self.outbox_ready.notify_one();
                }
                Ok(true)
            }
            Ok(Err(reason)) => {
                self.fail(tx, job, &reason, now).await?;
                Ok(true)
            }
            Err(e) => {
                tracing::error!(job = job.id, kind = %job.kind, error = %e, "job failed; will retry");
                crate::store::abandon(tx).await;
                Ok(false)
            }
        }
    }

    async fn fail(&self, tx: crate::store::Tx, job: &JobRow, reason: &str, now: i64) -> StoreResult<()> {
        crate::store::abandon(tx).await;
        tracing::error!(job = job.id, kind = %job.kind, reason, "job cannot run");
        let mut tx = self.store.begin_write().await?;
        store_jobs::finish(&mut tx, job.id, "failed", Some(reason), now).await?;
        Ok(tx.commit().await?)
    }
}

/// Every log line about one job carries its id and kind.
fn job_span(job: &JobRow) -> tracing::Span {
    tracing::info_span!("job", job_id = job.id, kind = %job.kind)
}
