import torch
from peft import PeftModel, get_peft_model
from torch import nn


def head_then_move(model, num_labels, device):
    model.classifier = nn.Linear(768, num_labels)
    model.to(device)
    return model


def moved_again(model, device):
    model.to(device)
    model.classifier = nn.Linear(768, 2)
    model.to(device)
    return model


def head_moved_itself(model, device):
    model.to(device)
    model.classifier = nn.Linear(768, 2).to(device)
    return model


def peft_moves_adapters(pipe, path, config):
    # PEFT creates adapter weights on the device of the layer they wrap.
    pipe.to("cuda")
    pipe.transformer = PeftModel.from_pretrained(pipe.transformer, path)
    model = get_peft_model(pipe.unet, config)
    return model


def sync_batchnorm(model, local_rank):
    # convert_sync_batchnorm re-uses the placed parameters and buffers.
    model.cuda(local_rank)
    model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    return model


def not_a_module(model, device):
    model.to(device)
    model.num_labels = 3
    model.loss_scale = torch.tensor(1.0)
    return model
