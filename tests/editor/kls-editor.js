// A thin driver over camunda-bpmn-js, used by tests/test_editor.py. Everything that changes
// the model goes through the library's own services (modeling, elementTemplates) or, for
// field values, through its properties panel in the page, as a processhandledare's clicks do.
window.klsEditor = {
  modeler: null,
  warnings: [],

  // Camunda Modeler reads every .camunda/element-templates/*.json and gives each editor the
  // templates for its engine, told apart by $schema.
  templatesFor(engine, files) {
    const all = files.flat();
    const zeebe = t => String(t.$schema || '').includes('zeebe-element-templates-json-schema');
    return all.filter(t => (engine === 'cloud') === zeebe(t));
  },

  async open(xml, templateFiles) {
    const engine = new URLSearchParams(location.search).get('engine') || 'platform';
    if (this.modeler) { this.modeler.destroy(); }
    this.modeler = new BpmnModeler({
      container: '#canvas',
      propertiesPanel: { parent: '#panel' },
      elementTemplates: this.templatesFor(engine, templateFiles),
    });
    // camunda-bpmn-js 5.35.0's RemoveTemplateReplaceProvider throws "findIndex is not a
    // function" whenever the context pad of a templated element asks the replace menu for
    // its entries (it takes every export of bpmn-js's ReplaceOptions for an array). The
    // context pad is a mouse affordance with no part in what is saved, so it stays shut.
    this.modeler.get('contextPad').open = () => {};
    const templateErrors = [];
    this.modeler.get('eventBus').on('elementTemplates.errors', e => templateErrors.push(...e.errors.map(String)));
    const result = await this.modeler.importXML(xml);
    this.modeler.get('canvas').zoom('fit-viewport');
    return {
      warnings: result.warnings.map(w => w.message),
      templateErrors,
      templates: this.modeler.get('elementTemplates').getAll().map(t => t.id),
    };
  },

  get(id) { return this.modeler.get('elementRegistry').get(id); },

  root() { return this.modeler.get('canvas').getRootElement(); },

  select(id) {
    // A click on the canvas takes the focus from the properties panel first; with a panel
    // field still focused the panel may keep showing the previous element.
    if (document.activeElement) { document.activeElement.blur(); }
    const element = id ? this.get(id) : this.root();
    this.modeler.get('selection').select(element);
    return element.id;
  },

  // What the Modeler's template chooser does when a template is picked for an element.
  applyTemplate(id, templateId) {
    const element = id ? this.get(id) : this.root();
    const templates = this.modeler.get('elementTemplates');
    const template = templates.getAll().find(t => t.id === templateId);
    if (!template) { throw new Error(`no template ${templateId}`); }
    const applied = templates.applyTemplate(element, template);
    return (applied || element).id;
  },

  // Draw like a user: append a task and an end event after an element.
  append(afterId, type, name) {
    const shape = this.modeler.get('elementFactory').createShape({ type });
    const placed = this.modeler.get('autoPlace').append(this.get(afterId), shape);
    if (name) { this.modeler.get('modeling').updateLabel(placed, name); }
    return placed.id;
  },

  // Drop a pool onto a process diagram: bpmn-js turns it into a collaboration.
  addPool(name) {
    const factory = this.modeler.get('elementFactory');
    const pool = factory.createParticipantShape();
    const created = this.modeler.get('modeling').createShape(pool, { x: 400, y: 200 }, this.root());
    this.modeler.get('modeling').updateLabel(created, name);
    return created.id;
  },

  async save() {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  },
};
