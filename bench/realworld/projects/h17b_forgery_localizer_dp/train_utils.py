# source: https://github.com/ymhzyj/UMMAFormer/issues/17
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run

import time

import torch


def to_device(video_list, device):
    return [{k: v.to(device) if torch.is_tensor(v) else v for k, v in video.items()} for video in video_list]


def train_one_epoch(train_loader, model, optimizer, scheduler, curr_epoch, device, clip_grad=1.0, print_freq=20):
    model.train()
    start = time.time()
    for it, video_list in enumerate(train_loader):
        video_list = to_device(video_list, device)
        optimizer.zero_grad(set_to_none=True)
        losses = model(video_list)
        loss = losses["final_loss"].mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip_grad)
        optimizer.step()
        scheduler.step()
        if it % print_freq == 0:
            print("[Train] epoch %d iter %d loss %.4f (%.1fs)" % (curr_epoch, it, loss.item(), time.time() - start))
