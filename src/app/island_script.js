// leptos 0.8.15's island script (src/hydration/island_script.js, MIT),
// changed to load several bundles (app/island_scripts.rs lists them, each
// with its islands): a bundle is loaded when one of its islands comes within
// a screen of the viewport; its `hydrate()` is awaited (the calculator's
// fetches the pricebook the page preloads) before its islands hydrate, and
// if it fails none of them do.
((root, pkg_path, bundles) => {
	let MOST_RECENT_CHILDREN_CB = [];
	// An island's id is its component's name and a number.
	const bundleOf = (id) => bundles.find((b) => b.islands.includes((id || "").replace(/_\d+$/, "")));
	const loading = new Map();

	function idle(c) {
		if ("requestIdleCallback" in window) {
			window.requestIdleCallback(c);
		} else {
			c();
		}
	}
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
	async function hydrateIsland(el, id, mod) {
		const islandFn = mod[id];
		if (islandFn) {
			const children_cb = MOST_RECENT_CHILDREN_CB[MOST_RECENT_CHILDREN_CB.length-1];
			if (children_cb) {
				children_cb();
			}
			const res = islandFn(el);
			if (res && res.then) {
				await res;
			}
			el.setAttribute("data-hydrated", "");
		} else {
			console.warn(`Could not find WASM function for the island ${id}.`);
		}
	}
	// Each bundle once: fetch it, run its hydrate(), hydrate its islands.
	function load(bundle) {
		if (!loading.has(bundle)) {
			loading.set(bundle, import(`${root}/${pkg_path}/${bundle.js}.js`)
				.then(async (mod) => {
					await mod.default({module_or_path: `${root}/${pkg_path}/${bundle.wasm}.wasm`});
					await mod.hydrate();
					await hydrateIslands(document.body, mod, bundle);
				})
				.catch((e) => console.error("llm-roi: the page stays as the server rendered it:", e)));
		}
	}
	idle(() => {
		const near = "IntersectionObserver" in window
			? new IntersectionObserver((entries) => {
				for (const e of entries) {
					if (e.isIntersecting) {
						near.unobserve(e.target);
						load(bundleOf(e.target.closest("leptos-island").dataset.component));
					}
				}
			}, {rootMargin: "100% 0px"})
			: null;
		for (const el of document.querySelectorAll("leptos-island")) {
			const bundle = bundleOf(el.dataset.component);
			if (!bundle) {
				console.warn(`llm-roi: no bundle holds the island ${el.dataset.component}.`);
			} else if (near && el.children.length) {
				// The island is `display: contents` (no box): its children have.
				for (const child of el.children) near.observe(child);
			} else {
				load(bundle);
			}
		}
	});
})
