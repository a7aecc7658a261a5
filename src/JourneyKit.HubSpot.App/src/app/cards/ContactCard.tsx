import { hubspot } from '@hubspot/ui-extensions';
import { ContactCardView } from './lib/ContactCardView';

hubspot.extend<'crm.record.sidebar'>(() => <ContactCardView />);
