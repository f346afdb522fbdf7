/* Browser code for the search page. */
import $ from 'jquery';

const params = new URLSearchParams(window.location.search);
const query = params.get('q');

function showResults() {
  const title = document.getElementById('title');
  title.textContent = 'Results for ' + query;
}

function showReferrer() {
  const box = document.querySelector('.from');
  box.insertAdjacentText('beforeend', document.referrer);
}

function renderTabName() {
  const tab = decodeURIComponent(window.location.hash.slice(1));
  $('#tab-name').text(tab);
}

window.addEventListener('message', (event) => {
  const status = document.getElementById('status');
  status.textContent = `Status: ${event.data.status}`;
});

showResults();
showReferrer();
renderTabName();
