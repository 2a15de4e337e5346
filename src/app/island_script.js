// leptos 0.8.15's island script (src/hydration/island_script.js, MIT),
// changed to load several bundles (app/island_scripts.rs lists them, each
// with its islands). A bundle loads on the first focus, pointer, key, input,
// click or file drop in one of its islands: until then the page is the
// server's, whose form works without JavaScript. Its `hydrate()` is awaited
// (the calculator's fetches the pricebook) before its islands hydrate, and
// if it fails none of them do. What was typed, chosen, clicked or dropped in
// an island before it hydrated is kept and given to it once it has.
((root, pkg_path, bundles) => {
	let MOST_RECENT_CHILDREN_CB = [];
	// An island's id is its component's name and a number.
	const bundleOf = (id) => bundles.find((b) => b.islands.includes((id || "").replace(/_\d+$/, "")));
	const loading = new Map();
	// Before an island hydrates: the controls changed in it, in the order of
	// their last change, the last `type=button` button clicked, and the last
	// files dropped (copied: a drop's files are readable during it only).
	const changed = [];
	let clicked = null;
	let dropped = null;
	const hasFiles = (e) => !!e.dataTransfer && [...e.dataTransfer.types].includes("Files");

	async function hydrateIslands(rootNode, mod, bundle) {
		async function traverse(node) {
			if (node.nodeType === Node.ELEMENT_NODE) {
				const tag = node.tagName.toLowerCase();
				if(tag === 'leptos-island') {
					const id = node.dataset.component || null;

					if (bundleOf(id) === bundle) {
						await hydrateIsland(node, id, mod);
					}

					for(const child of node.children) {
						await traverse(child);
					}
				} else {
					if (tag === 'leptos-children') {
						MOST_RECENT_CHILDREN_CB.push(node.$$on_hydrate);
						for(const child of node.children) {
							await traverse(child);
						};
						// un-set the "most recent children"
						MOST_RECENT_CHILDREN_CB.pop();
					} else {
						for(const child of node.children) {
							await traverse(child);
						};
					}
				}
			}
		}

		await traverse(rootNode);
	}
	// The controls of `el` whose value is not the server's (a restored form),
	// then those changed since the page loaded, each with its value now.
	function edits(el) {
		const dirty = [...el.querySelectorAll("input, select, textarea")].filter((c) =>
			c.type === "checkbox" || c.type === "radio" ? c.checked !== c.defaultChecked
			: c.tagName === "SELECT" ? [...c.options].some((o) => o.selected !== o.defaultSelected)
			: c.value !== c.defaultValue);
		const order = [...dirty.filter((c) => !changed.includes(c)), ...changed.filter((c) => el.contains(c))];
		return order.map((c) => ({c, value: c.value, checked: c.checked}));
	}
	// Hydration sets each control to the server's value: put the user's back
	// and send the event the island listens to.
	function replay(list) {
		for (const {c, value, checked} of list) {
			if (!c.isConnected) continue;
			if (c.type === "checkbox" || c.type === "radio") c.checked = checked;
			else if (c.type !== "file") c.value = value;
			const change = c.tagName === "SELECT" || ["checkbox", "radio", "file"].includes(c.type);
			c.dispatchEvent(new Event(change ? "change" : "input", {bubbles: true}));
		}
	}
	async function hydrateIsland(el, id, mod) {
		const islandFn = mod[id];
		if (islandFn) {
			const children_cb = MOST_RECENT_CHILDREN_CB[MOST_RECENT_CHILDREN_CB.length-1];
			if (children_cb) {
				children_cb();
			}
			const before = edits(el);
			const res = islandFn(el);
			if (res && res.then) {
				await res;
			}
			el.setAttribute("data-hydrated", "");
			replay(before);
			if (clicked && el.contains(clicked)) {
				const button = clicked;
				clicked = null;
				if (button.isConnected) button.click();
			}
			if (dropped && el.contains(dropped.target)) {
				const {target, files} = dropped;
				dropped = null;
				const dataTransfer = new DataTransfer();
				for (const f of files) dataTransfer.items.add(f);
				if (target.isConnected) target.dispatchEvent(new DragEvent("drop", {dataTransfer, bubbles: true, cancelable: true}));
			}
		} else {
			console.warn(`Could not find WASM function for the island ${id}.`);
		}
	}
	// Each bundle once: fetch its JS and wasm together, switch on the links
	// it preloads, run its hydrate(), hydrate its islands.
	function load(bundle) {
		if (!loading.has(bundle)) {
			for (const id of bundle.links) {
				const link = document.getElementById(id);
				if (link) link.rel = "preload";
			}
			const wasm = fetch(`${root}/${pkg_path}/${bundle.wasm}.wasm`);
			loading.set(bundle, import(`${root}/${pkg_path}/${bundle.js}.js`)
				.then(async (mod) => {
					await mod.default({module_or_path: wasm});
					await mod.hydrate();
					await hydrateIslands(document.body, mod, bundle);
				})
				.catch((e) => console.error("llm-roi: the page stays as the server rendered it:", e)));
		}
	}
	// Every island is listened to from the start: the user may act at once.
	for (const el of document.querySelectorAll("leptos-island")) {
		const bundle = bundleOf(el.dataset.component);
		if (!bundle) {
			console.warn(`llm-roi: no bundle holds the island ${el.dataset.component}.`);
			continue;
		}
		const act = (e) => {
			if (el.hasAttribute("data-hydrated")) return;
			if (e.type === "input" || e.type === "change") {
				const at = changed.indexOf(e.target);
				if (at >= 0) changed.splice(at, 1);
				changed.push(e.target);
			}
			if (e.type === "click") {
				const button = e.target.closest && e.target.closest("button[type=button]");
				if (button) clicked = button;
			}
			// A file dragged in: dropped here, not opened by the browser.
			if ((e.type === "dragover" || e.type === "drop") && hasFiles(e)) {
				e.preventDefault();
				if (e.type === "drop") dropped = {target: e.target, files: [...e.dataTransfer.files]};
			}
			load(bundle);
		};
		for (const type of ["focusin", "pointerdown", "keydown", "input", "change", "click", "dragover", "drop"]) {
			el.addEventListener(type, act, true);
		}
	}
})
