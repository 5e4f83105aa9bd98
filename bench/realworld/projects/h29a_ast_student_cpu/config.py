# source: https://github.com/marco-rudolph/AST/issues/4
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Settings for asymmetric student-teacher anomaly detection on MVTec AD."""
import torch

device = "cpu"  # "cuda" on the lab machine, "cpu" for the laptop / colab-cpu runs

dataset_path = "data/mvtec_ad"
class_name = "cable_gland"
modelname = "ast_rgb"

img_size = 768
n_feat = 304
map_len = 24
pos_enc = True
pos_enc_dim = 32

channels_hidden_teacher = 64
channels_hidden_student = 1024
n_coupling_blocks = 4
n_st_blocks = 4

batch_size = 8
lr = 2e-4
meta_epochs = 8
sub_epochs = 8

torch.manual_seed(0)
