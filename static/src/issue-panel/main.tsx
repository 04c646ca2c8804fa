import '../shared/styles.css';
import { startPanel } from '../shared/startPanel';
import { IssuePanel } from './IssuePanel';

startPanel((firstAnswer) => <IssuePanel firstAnswer={firstAnswer} />);
