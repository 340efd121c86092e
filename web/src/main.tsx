import { render } from 'preact';
import { App } from './App';
import { registerServiceWorker } from './offline/serviceWorker';
import './styles.css';

render(<App />, document.getElementById('app')!);
registerServiceWorker();
