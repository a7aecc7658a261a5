import { hubspot } from '@hubspot/ui-extensions';
import { DealCardView } from './lib/DealCardView';

hubspot.extend<'crm.record.tab'>(() => <DealCardView />);
