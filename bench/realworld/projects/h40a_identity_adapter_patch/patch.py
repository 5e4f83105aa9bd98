# source: https://github.com/sipie800/ComfyUI-PuLID-Flux-Enhanced/issues/35
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA__native_layer_norm)
# pattern: adapter-after-placement
# shape: multi-file, helper, batch-dict
# bug-lines: 26
# needs: torch
# cpu: no written where torch was not installed; not run
"""Monkey-patch a denoiser backbone so every N-th block mixes in the identity embedding."""
import types


def forward_with_identity(self, latents, timestep_emb):
    hidden = self.proj_in(latents) + timestep_emb[:, None, :]
    ca_idx = 0
    for i, block in enumerate(self.blocks):
        hidden = block(hidden)
        if i % self.id_interval == 0 and ca_idx < len(self.id_ca):
            for node in self.id_data.values():
                hidden = hidden + node["weight"] * self.id_ca[ca_idx](node["embedding"], hidden)
            ca_idx += 1
    return self.proj_out(hidden)


def attach_identity_adapter(backbone, adapter, embedding, weight, node_id):
    if not hasattr(backbone, "id_ca"):
        backbone.id_ca = adapter.ca
        backbone.id_interval = adapter.interval
        backbone.id_data = {}
        backbone.forward = types.MethodType(forward_with_identity, backbone)
    backbone.id_data[node_id] = {"weight": weight, "embedding": embedding}
    return backbone
