// Draws the figures page's charts from /api/figures, the same numbers the page's tables and a wallboard read.
(function () {
    const from = document.getElementById('from').value;
    const to = document.getElementById('to').value;
    const percent = v => v == null ? null : Math.round(v * 1000) / 10;
    function chart(id, option) {
        const element = document.getElementById(id);
        const drawn = echarts.init(element, null, {renderer: 'svg'});
        drawn.setOption(Object.assign({animation: false, tooltip: {trigger: 'axis'}, legend: {top: 0},
            grid: {top: 40, left: 50, right: 30, bottom: 30}}, option));
        element.dataset.drawn = 'true';
    }
    fetch('api/figures?from=' + from + '&to=' + to, {credentials: 'same-origin'})
        .then(response => response.json())
        .then(report => {
            const days = report.byDay.map(d => d.bucket);
            const outcomes = [...new Set(report.byDay.flatMap(d => Object.keys(d.outcomes)))];
            chart('chart-calls', {
                xAxis: {type: 'category', data: days}, yAxis: {type: 'value', minInterval: 1},
                series: outcomes.map(o => ({name: o, type: 'bar', stack: 'calls',
                    data: report.byDay.map(d => d.outcomes[o] || 0)}))
            });
            chart('chart-shares', {
                xAxis: {type: 'category', data: days}, yAxis: {type: 'value', max: 100, name: '%'},
                series: [
                    {name: 'answered at once', type: 'line', data: report.byDay.map(d => percent(d.answeredAtOnceShare))},
                    {name: 'gave up while waiting', type: 'line', data: report.byDay.map(d => percent(d.abandonmentShare))}]
            });
            chart('chart-wait', {
                xAxis: {type: 'category', data: days}, yAxis: {type: 'value', name: 's'},
                series: [{name: 'average wait', type: 'bar', data: report.byDay.map(d => d.averageWaitSeconds)}]
            });
            const hours = report.byHour.map(h => h.bucket);
            chart('chart-lines', {
                xAxis: {type: 'category', data: hours}, yAxis: {type: 'value', max: 100, name: '%'},
                series: ['SILENT', 'NOISY', 'QUIET', 'CLEAR'].map(v => ({name: v.toLowerCase(), type: 'bar',
                    stack: 'lines', data: report.byHour.map(h => percent(h.lineShares[v]))}))
            });
        });
})();
