/* Browser code for the search page. */
import $ from 'jquery';

const params = new URLSearchParams(window.location.search);
const query = params.get('q');

function showResults() {
  const title = document.getElementById('title');
  title.innerHTML = 'Results for ' + query;
}

function showReferrer() {
  const box = document.querySelector('.from');
  box.insertAdjacentHTML('beforeend', document.referrer);
}

function renderTabName() {
  const tab = decodeURIComponent(window.location.hash.slice(1));
  $('#tab-name').html(tab);
}

window.addEventListener('message', (event) => {
  const status = document.getElementById('status');
  status.innerHTML = `Status: ${event.data.status}`;
});

showResults();
showReferrer();
renderTabName();
