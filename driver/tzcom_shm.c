// SPDX-License-Identifier: GPL-2.0
/*
 * Registered memory (docs/driver.md, "Registered memory and sessions";
 * the page list's format: docs/protocol.md, section 10).
 *
 * A registration pins a range of the caller's pages for as long as its fd
 * holds it, charges them to the registering mm's RLIMIT_MEMLOCK as mlock
 * would (so a user without CAP_IPC_LOCK cannot pin more than it may lock),
 * and builds the page list once: a command that names the registration
 * passes only the list's address, and nothing is allocated per command.
 */
#define pr_fmt(fmt) "tzcom: " fmt

#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include <uapi/linux/tzcom.h>

#include "tzcom_priv.h"

static_assert(TZCOM_SHM_IN == TZ_MEM_IN && TZCOM_SHM_OUT == TZ_MEM_OUT);
static_assert(TZCOM_SHM_MAX_SIZE == (u64)TZ_MEM_MAX_PAGES * TZ_PAGE_SIZE);
static_assert(PAGE_SIZE % TZ_PAGE_SIZE == 0);

/* The page list names 4 KiB pages; a larger kernel page is several. */
#define TZCOM_SHM_SUBPAGES	(PAGE_SIZE / TZ_PAGE_SIZE)

struct tzcom_shm {
	u64 addr;			/* user address, page aligned */
	u64 size;
	u32 flags;			/* TZCOM_SHM_IN | TZCOM_SHM_OUT */
	unsigned int npages;		/* kernel pages pinned */
	struct page **pages;
	unsigned int nlists;		/* page-list pages, in chain order */
	struct page **lists;
	/*
	 * The mm charged for @npages; held so that the charge goes back to
	 * it whichever task drops the last reference to the fd.
	 */
	struct mm_struct *mm;
	unsigned int inflight;		/* commands naming it; f->res_lock */
	/*
	 * A command naming it ended on a fenced slot, whose secure thread
	 * may still write the pages: they and the list are never given back.
	 * f->res_lock.
	 */
	bool fenced;
};

/**
 * tzcom_shm_file_init() - an fd starts with no registrations
 * @f: the new fd
 */
void tzcom_shm_file_init(struct tzcom_file *f)
{
	xa_init_flags(&f->shms, XA_FLAGS_ALLOC1);
}

/*
 * Every list page but the last holds TZ_PAGE_LIST_ENTRIES data-page
 * addresses and the next list page's address; the pages are zeroed, so the
 * last one's unused entries and its next are 0.
 */
static int tzcom_shm_build_list(struct tzcom_shm *shm)
{
	unsigned long entries = (unsigned long)shm->npages * TZCOM_SHM_SUBPAGES;
	unsigned int n = DIV_ROUND_UP(entries, TZ_PAGE_LIST_ENTRIES);
	unsigned long e;
	__le64 *list;
	unsigned int i;

	shm->lists = kcalloc(n, sizeof(*shm->lists), GFP_KERNEL_ACCOUNT);
	if (!shm->lists)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		shm->lists[i] = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);
		if (!shm->lists[i])
			return -ENOMEM;
		shm->nlists++;
	}
	for (e = 0; e < entries; e++) {
		struct page *page = shm->pages[e / TZCOM_SHM_SUBPAGES];
		phys_addr_t pa = page_to_phys(page) +
				 (e % TZCOM_SHM_SUBPAGES) * TZ_PAGE_SIZE;

		list = page_address(shm->lists[e / TZ_PAGE_LIST_ENTRIES]);
		list[e % TZ_PAGE_LIST_ENTRIES] = cpu_to_le64(pa);
	}
	for (i = 0; i + 1 < n; i++) {
		list = page_address(shm->lists[i]);
		list[TZ_PAGE_LIST_ENTRIES] =
			cpu_to_le64(page_to_phys(shm->lists[i + 1]));
	}
	return 0;
}

/* All or nothing: on failure nothing stays pinned. */
/*
 * Writable pages are pinned for write even when the secure world only
 * reads them: on 6.1 a read-only long-term pin of an anonymous page that
 * was never written pins the shared zero page, and the process's first
 * write then lands in a new copy that the secure world never sees.  Only
 * a page of a read-only mapping, which the process cannot write either,
 * is pinned read-only, and only for an IN registration.
 */
static int tzcom_shm_pin(struct tzcom_shm *shm)
{
	const unsigned int gup = FOLL_LONGTERM | FOLL_WRITE;
	unsigned int done = 0;
	int ret;

	while (done < shm->npages) {
		u64 addr = shm->addr + (u64)done * PAGE_SIZE;

		ret = pin_user_pages_fast(addr, shm->npages - done, gup,
					  shm->pages + done);
		if (ret == -EFAULT && !(shm->flags & TZCOM_SHM_OUT))
			ret = pin_user_pages_fast(addr, 1, FOLL_LONGTERM,
						  shm->pages + done);
		if (ret <= 0) {
			unpin_user_pages(shm->pages, done);
			return ret ? ret : -EFAULT;
		}
		done += ret;
	}
	return 0;
}

/* Undo tzcom_shm_create() up to what it got done. */
static void tzcom_shm_free(struct tzcom_drv *drv, struct tzcom_shm *shm,
			   bool pinned)
{
	unsigned int i;

	if (shm->fenced) {
		pr_warn_ratelimited("a registration used by a fenced call slot stays pinned (%u pages)\n",
				    shm->npages);
		pinned = false;
	} else {
		for (i = 0; i < shm->nlists; i++)
			__free_page(shm->lists[i]);
	}
	kfree(shm->lists);
	if (pinned) {
		/* The secure world may have written an OUT range. */
		unpin_user_pages_dirty_lock(shm->pages, shm->npages,
					    shm->flags & TZCOM_SHM_OUT);
		atomic_long_sub(shm->npages, &drv->stats.shm_pages_pinned);
		atomic_long_sub(shm->nlists, &drv->stats.shm_list_pages);
	}
	if (!shm->fenced)
		kvfree(shm->pages);
	if (shm->mm) {
		account_locked_vm(shm->mm, shm->npages, false);
		mmdrop(shm->mm);
	}
	kfree(shm);
}

static struct tzcom_shm *tzcom_shm_create(struct tzcom_drv *drv, u64 addr,
					  u64 size, u32 flags)
{
	struct mm_struct *mm = current->mm;
	struct tzcom_shm *shm;
	int ret;

	shm = kzalloc(sizeof(*shm), GFP_KERNEL_ACCOUNT);
	if (!shm)
		return ERR_PTR(-ENOMEM);
	shm->addr = addr;
	shm->size = size;
	shm->flags = flags;
	shm->npages = DIV_ROUND_UP(size, PAGE_SIZE);
	shm->pages = kvcalloc(shm->npages, sizeof(*shm->pages),
			      GFP_KERNEL_ACCOUNT);
	if (!shm->pages) {
		ret = -ENOMEM;
		goto out_free;
	}
	/* Charged before pinning, so an over-limit request pins nothing. */
	ret = account_locked_vm(mm, shm->npages, true);
	if (ret)
		goto out_free;
	mmgrab(mm);
	shm->mm = mm;
	ret = tzcom_shm_pin(shm);
	if (ret)
		goto out_free;
	atomic_long_add(shm->npages, &drv->stats.shm_pages_pinned);
	ret = tzcom_shm_build_list(shm);
	atomic_long_add(shm->nlists, &drv->stats.shm_list_pages);
	if (ret) {
		tzcom_shm_free(drv, shm, true);
		return ERR_PTR(ret);
	}
	return shm;

out_free:
	tzcom_shm_free(drv, shm, false);
	return ERR_PTR(ret);
}

/* Registration starts are page aligned, so bytes overlap iff pages do. */
static bool __tzcom_shm_overlaps(struct tzcom_file *f, u64 addr, u64 size)
{
	struct tzcom_shm *shm;
	unsigned long id;

	lockdep_assert_held(&f->res_lock);
	xa_for_each(&f->shms, id, shm)
		if (addr < shm->addr + shm->size && shm->addr < addr + size)
			return true;
	return false;
}

/**
 * tzcom_shm_register() - SHM_REGISTER: pin and name a range of user memory
 * @f: the fd that will hold it
 * @addr: page-aligned user address
 * @size: bytes, 1..TZCOM_SHM_MAX_SIZE
 * @flags: TZCOM_SHM_IN and/or TZCOM_SHM_OUT
 * @id: out: its id on @f, never 0
 *
 * Return: 0, or the errnos of include/uapi/linux/tzcom.h, or -EINTR if
 * killed while another registration of @f was being set up.
 */
int tzcom_shm_register(struct tzcom_file *f, u64 addr, u64 size, u32 flags,
		       u32 *id)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_shm *shm;
	int ret;

	if (!flags || flags & ~(TZCOM_SHM_IN | TZCOM_SHM_OUT))
		return -EINVAL;
	if (!size || !PAGE_ALIGNED(addr))
		return -EINVAL;
	if (size > TZCOM_SHM_MAX_SIZE)
		return -E2BIG;
	/* Also keeps addr + size from wrapping in the overlap test. */
	if (!access_ok(u64_to_user_ptr(addr), size))
		return -EFAULT;

	/*
	 * Held while pinning, so that limits and overlaps are decided
	 * against every registration of @f, the one being made included.
	 */
	if (mutex_lock_killable(&f->res_lock))
		return -EINTR;
	if (f->nshms >= TZCOM_SHM_MAX_PER_FD ||
	    size > TZCOM_SHM_MAX_FD_BYTES - f->shm_bytes) {
		ret = -ENOSPC;
		goto out_unlock;
	}
	if (__tzcom_shm_overlaps(f, addr, size)) {
		ret = -EBUSY;
		goto out_unlock;
	}
	shm = tzcom_shm_create(drv, addr, size, flags);
	if (IS_ERR(shm)) {
		ret = PTR_ERR(shm);
		goto out_unlock;
	}
	ret = xa_alloc_cyclic(&f->shms, id, shm, XA_LIMIT(1, U32_MAX),
			      &f->shm_next, GFP_KERNEL_ACCOUNT);
	if (ret < 0) {
		tzcom_shm_free(drv, shm, true);
		goto out_unlock;
	}
	ret = 0;
	f->nshms++;
	f->shm_bytes += size;
	atomic_inc(&drv->stats.shm_regs);
out_unlock:
	mutex_unlock(&f->res_lock);
	return ret;
}

static void __tzcom_shm_forget(struct tzcom_file *f, struct tzcom_shm *shm)
{
	lockdep_assert_held(&f->res_lock);
	f->nshms--;
	f->shm_bytes -= shm->size;
	atomic_dec(&f->drv->stats.shm_regs);
}

/**
 * tzcom_shm_unregister() - SHM_UNREGISTER: unpin and forget one
 * @f: the fd holding it
 * @id: its id
 *
 * Return: 0, -ENOENT (no such id on @f), -EBUSY (a command names it),
 * -EINTR.
 */
int tzcom_shm_unregister(struct tzcom_file *f, u32 id)
{
	struct tzcom_shm *shm;

	if (mutex_lock_killable(&f->res_lock))
		return -EINTR;
	shm = xa_load(&f->shms, id);
	if (!shm || shm->inflight) {
		mutex_unlock(&f->res_lock);
		return shm ? -EBUSY : -ENOENT;
	}
	xa_erase(&f->shms, id);
	__tzcom_shm_forget(f, shm);
	mutex_unlock(&f->res_lock);
	tzcom_shm_free(f->drv, shm, true);
	return 0;
}

/**
 * tzcom_shm_get() - a memref of INVOKE: check it and hold its registration
 * @f: the fd
 * @id: the registration's id
 * @flags: access asked for, TZCOM_SHM_IN and/or TZCOM_SHM_OUT
 * @offset: start of the range in the registration
 * @size: its length, >= 1
 * @desc: out: the memory argument for the extended NEW
 * @shm: out: the registration, to give to tzcom_shm_put()
 *
 * Until tzcom_shm_put(), UNREGISTER refuses it with -EBUSY.
 *
 * Return: 0, -EINVAL (flags, or a range outside the registration), -ENOENT
 * (no such id), -EACCES (access the registration does not allow), -EINTR.
 */
int tzcom_shm_get(struct tzcom_file *f, u32 id, u32 flags, u64 offset,
		  u64 size, struct tzcom_mem_desc *desc,
		  struct tzcom_shm **shm)
{
	struct tzcom_shm *r;
	u64 list_pa;
	int ret = 0;

	if (!flags || flags & ~(TZCOM_SHM_IN | TZCOM_SHM_OUT) || !size)
		return -EINVAL;
	if (mutex_lock_killable(&f->res_lock))
		return -EINTR;
	r = xa_load(&f->shms, id);
	if (!r)
		ret = -ENOENT;
	else if (size > r->size || offset > r->size - size)
		ret = -EINVAL;
	else if (flags & ~r->flags)
		ret = -EACCES;
	else
		r->inflight++;
	mutex_unlock(&f->res_lock);
	if (ret)
		return ret;

	list_pa = page_to_phys(r->lists[0]);
	desc->flags = flags;
	desc->npages = r->npages * TZCOM_SHM_SUBPAGES;
	desc->list_pa_lo = lower_32_bits(list_pa);
	desc->list_pa_hi = upper_32_bits(list_pa);
	desc->offset_lo = lower_32_bits(offset);
	desc->offset_hi = upper_32_bits(offset);
	desc->size_lo = lower_32_bits(size);
	desc->size_hi = upper_32_bits(size);
	*shm = r;
	return 0;
}

/**
 * tzcom_shm_put() - the command that named it has completed
 * @f: the fd
 * @shm: from tzcom_shm_get()
 * @fenced: the command's slot was fenced off: never unpin the pages
 */
void tzcom_shm_put(struct tzcom_file *f, struct tzcom_shm *shm, bool fenced)
{
	mutex_lock(&f->res_lock);
	shm->inflight--;
	if (fenced)
		shm->fenced = true;
	mutex_unlock(&f->res_lock);
}

/**
 * tzcom_shm_release() - the fd is closed: unpin everything it holds
 * @f: the fd; no ioctl of it can be running
 */
void tzcom_shm_release(struct tzcom_file *f)
{
	struct tzcom_shm *shm;
	unsigned long id;

	mutex_lock(&f->res_lock);
	xa_for_each(&f->shms, id, shm) {
		WARN_ON(shm->inflight);
		xa_erase(&f->shms, id);
		__tzcom_shm_forget(f, shm);
		tzcom_shm_free(f->drv, shm, true);
	}
	mutex_unlock(&f->res_lock);
	xa_destroy(&f->shms);
}
