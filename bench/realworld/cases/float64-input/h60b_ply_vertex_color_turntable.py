# source: https://github.com/facebookresearch/pytorch3d/issues/315
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: helper
# bug-lines: 28, 30
# needs: torch, numpy, trimesh, imageio, pytorch3d
# cpu: no written where torch was not installed; not run
"""Render a turntable video of a vertex-colored scan (.ply) with PyTorch3D."""
import imageio
import numpy as np
import torch
import trimesh
from pytorch3d.renderer import (
    FoVPerspectiveCameras,
    MeshRasterizer,
    MeshRenderer,
    PointLights,
    RasterizationSettings,
    SoftPhongShader,
    TexturesVertex,
    look_at_view_transform,
)
from pytorch3d.structures import Meshes


def load_colored_mesh(path, device):
    tm = trimesh.load(path, process=False)
    verts = torch.from_numpy(np.asarray(tm.vertices))
    faces = torch.from_numpy(np.asarray(tm.faces, dtype=np.int64))
    colors = torch.from_numpy(tm.visual.vertex_colors[:, :3] / 255.0)
    verts = verts - verts.mean(0)
    verts = verts / verts.norm(dim=1).max()
    textures = TexturesVertex(verts_features=colors[None].to(device))
    return Meshes(verts=[verts.to(device)], faces=[faces.to(device)], textures=textures)


def build_renderer(device, image_size=512):
    raster_settings = RasterizationSettings(image_size=image_size, blur_radius=0.0, faces_per_pixel=1)
    lights = PointLights(device=device, location=[[0.0, 0.0, -3.0]])
    cameras = FoVPerspectiveCameras(device=device)
    return MeshRenderer(
        rasterizer=MeshRasterizer(cameras=cameras, raster_settings=raster_settings),
        shader=SoftPhongShader(device=device, cameras=cameras, lights=lights),
    )


def render_turntable(mesh_path, out_path="turntable.mp4", num_frames=60):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    mesh = load_colored_mesh(mesh_path, device)
    renderer = build_renderer(device)
    frames = []
    for azim in np.linspace(0.0, 360.0, num_frames, endpoint=False):
        R, T = look_at_view_transform(dist=2.7, elev=10.0, azim=float(azim), device=device)
        image = renderer(mesh, R=R, T=T)[0, ..., :3]
        frames.append((image.clamp(0, 1).cpu().numpy() * 255).astype(np.uint8))
    imageio.mimsave(out_path, frames, fps=30)


if __name__ == "__main__":
    render_turntable("scan_colored.ply")
