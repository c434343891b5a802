package dev.ticker.server.session;

import dev.ticker.proto.v1.Resume;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Resumes from beyond the journal's head, waiting a bounded time for the head to reach them. A
 * client that held sequence X on one server of a fleet may reconnect to another whose journal
 * follows the same topic a little behind: it gets X+1 onwards as soon as this journal has X,
 * or, after the wait, the documented {@code RESUME_UNAVAILABLE}. Messages the client sends
 * meanwhile wait with the session's other deferred requests (bounded as they are) and are answered
 * after the resume, in order. Runs on the fan-out thread.
 */
final class AheadResumes
{
    /** What answers a resume whose wait is over. */
    interface Answer
    {
        void answer(Session session, Resume resume);
    }

    private record Waiting(Session session, Resume resume, long deadlineNs)
    {
    }

    private final long waitNs;
    private final ArrayList<Waiting> waiting = new ArrayList<>();

    AheadResumes(final int waitMs)
    {
        this.waitNs = TimeUnit.MILLISECONDS.toNanos(waitMs);
    }

    boolean isEmpty()
    {
        return waiting.isEmpty();
    }

    /** Makes the resume wait; false when waiting is off (it is answered at once). */
    boolean await(final Session session, final Resume resume, final long nowNs)
    {
        if (waitNs <= 0)
        {
            return false;
        }
        waiting.add(new Waiting(session, resume, nowNs + waitNs));
        return true;
    }

    /** Whether a resume of {@code session} waits: its other requests wait behind it. */
    boolean isWaiting(final Session session)
    {
        for (int i = 0; i < waiting.size(); i++)
        {
            if (waiting.get(i).session() == session)
            {
                return true;
            }
        }
        return false;
    }

    /** Answers every resume the head has reached or whose wait is over; forgets those of closed sessions. */
    int answerDue(final long nowNs, final long headSequence, final Answer answer)
    {
        int answered = 0;
        for (int i = waiting.size() - 1; i >= 0; i--)
        {
            final Waiting entry = waiting.get(i);
            if (entry.session().isClosed())
            {
                waiting.remove(i);
            }
            else if (entry.resume().getLastSequence() <= headSequence || nowNs - entry.deadlineNs() >= 0)
            {
                waiting.remove(i);
                answer.answer(entry.session(), entry.resume());
                answered++;
            }
        }
        return answered;
    }
}
