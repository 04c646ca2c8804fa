import '../shared/styles.css';
import { startPanel } from '../shared/startPanel';
import { SidePanel } from './SidePanel';

startPanel((firstAnswer) => <SidePanel firstAnswer={firstAnswer} />);
