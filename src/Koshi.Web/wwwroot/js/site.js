// Gives each table cell its column's heading as data-label, so that on a phone, where rows stack into cards, every
// value still says what it is. Pages that set data-label themselves keep theirs; without this script rows still stack.
(function () {
    'use strict';
    function label(table) {
        var head = table.tHead && table.tHead.rows.length ? table.tHead.rows[table.tHead.rows.length - 1] : null;
        if (!head) {
            return;
        }
        var names = [];
        Array.prototype.forEach.call(head.cells, function (cell) {
            for (var i = 0; i < (cell.colSpan || 1); i++) {
                names.push(cell.textContent.trim());
            }
        });
        Array.prototype.forEach.call(table.tBodies, function (body) {
            Array.prototype.forEach.call(body.rows, function (row) {
                var column = 0;
                Array.prototype.forEach.call(row.cells, function (cell) {
                    if (!cell.hasAttribute('data-label') && names[column]) {
                        cell.setAttribute('data-label', names[column]);
                    }
                    column += cell.colSpan || 1;
                });
            });
        });
    }
    document.addEventListener('DOMContentLoaded', function () {
        Array.prototype.forEach.call(document.querySelectorAll('main table'), label);
    });
}());
