namespace Classroom.Hub.Protocol;

/// <summary>Methods the server calls on clients (strongly typed hub). Names are the wire names.</summary>
public interface ILessonClient
{
    Task QuestionAsked(QuestionView question);
    Task QuestionUpdated(QuestionView question);
    Task CheckedIn(CheckInView checkIn);
    Task AbsenteeMarked(AbsenteeView absentee);
    Task StageChanged(StageView stage);
    Task StageGranted(StageGrantView grant);
    Task StageRevoked(long classroomId);
    Task QuizOpened(QuizView quiz);
    Task QuizClosed(Guid quizId);
    Task QuizAnswered(QuizAnswerView answer);
    Task PresenceChanged(PresenceView presence);

    /// <summary>Some broadcast may have been lost (backplane outage): call GetLessonState.</summary>
    Task Resync();
}
